package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API is a deliberate list: the public top-level types of each API package are exactly the types
 * docs/api.md names in that package's section, so adding or removing one changes the page too.
 */
class ApiSurfaceTest {
    private static final Pattern TYPE = Pattern.compile("`(dev\\.gatehouse(?:\\.[a-z]+)*\\.[A-Z][A-Za-z0-9]*)`");

    @ParameterizedTest
    @ValueSource(strings = {"dev.gatehouse", "dev.gatehouse.model"})
    void thePublicTypesOfAnApiPackageAreExactlyThoseDocsApiMdLists(String pkg) throws IOException {
        SortedSet<String> actual = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(pkg)) {
            if (c.getPackageName().equals(pkg)
                    && c.isTopLevelClass()
                    && c.getModifiers().contains(JavaModifier.PUBLIC)) {
                actual.add(c.getName());
            }
        }
        assertEquals(documented(pkg), actual);
    }

    /** The types named in the section of docs/api.md that starts with {@code <!-- api-types: PKG -->}. */
    private static SortedSet<String> documented(String pkg) throws IOException {
        String page = Files.readString(TestPaths.root().resolve("docs/api.md"), StandardCharsets.UTF_8);
        String marker = "<!-- api-types: " + pkg + " -->";
        int start = page.indexOf(marker);
        if (start < 0) {
            throw new AssertionError("docs/api.md has no " + marker);
        }
        int end = page.indexOf("\n## ", start);
        SortedSet<String> out = new TreeSet<>();
        Matcher m = TYPE.matcher(page.substring(start, end < 0 ? page.length() : end));
        while (m.find()) {
            String name = m.group(1);
            if (name.substring(0, name.lastIndexOf('.')).equals(pkg)) {
                out.add(name);
            }
        }
        return out;
    }
}
