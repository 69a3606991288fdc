package dev.gatehouse.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The command uses only the engine's public packages, and the engine never depends on the command. */
class CliArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gatehouse");

    @Test
    void theEngineDoesNotDependOnTheCommand() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.gatehouse.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.gatehouse.cli..")
                .check(CLASSES);
    }

    @Test
    void theCommandUsesOnlyThePublicApiOfTheEngine() {
        noClasses()
                .that()
                .resideInAPackage("dev.gatehouse.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.gatehouse.internal.load..",
                        "dev.gatehouse.internal.validate..",
                        "dev.gatehouse.facts..",
                        "dev.gatehouse.internal.rulebase..",
                        "dev.gatehouse.internal.evaluate..",
                        "dev.gatehouse.internal.decide..",
                        "dev.gatehouse.internal.explain..",
                        "org.kie..",
                        "org.drools..")
                .check(CLASSES);
    }
}
