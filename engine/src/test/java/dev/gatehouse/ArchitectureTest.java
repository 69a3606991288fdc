package dev.gatehouse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pipeline's layering, stated as tests. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gatehouse");
    }

    /** Options are builder methods, never process-wide settings behind the caller's back. */
    @Test
    void theLibraryReadsNoSystemPropertyOrEnvironmentVariable() {
        noClasses()
                .should()
                .callMethod(System.class, "getProperty", String.class)
                .orShould()
                .callMethod(System.class, "getProperty", String.class, String.class)
                .orShould()
                .callMethod(System.class, "getProperties")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
                .orShould()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(Boolean.class, "getBoolean", String.class)
                .orShould()
                .callMethod(Integer.class, "getInteger", String.class)
                .orShould()
                .callMethod(Long.class, "getLong", String.class)
                .check(classes);
    }

    /** The packages a caller may use: the API, the contract model and the facts rule authors match. */
    static final String[] API = {"dev.gatehouse", "dev.gatehouse.model..", "dev.gatehouse.facts.."};

    @Test
    void theEngineHoldsOnlyTheApiAndItsInternals() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .should()
                .resideInAnyPackage(
                        "dev.gatehouse", "dev.gatehouse.model..", "dev.gatehouse.facts..", "dev.gatehouse.internal..")
                .check(classes);
    }

    @Test
    void thePublicApiExposesNoDroolsType() {
        noClasses()
                .that()
                .resideInAnyPackage(API)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.kie..", "org.drools..")
                .check(classes);
    }

    @Test
    void noPublicApiSignatureNamesAnInternalDroolsOrJacksonType() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAnyPackage("dev.gatehouse", "dev.gatehouse.model..")
                .should(
                        new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaMethod>(
                                "name only API, JDK or Bean Validation types in their signature") {
                            @Override
                            public void check(
                                    com.tngtech.archunit.core.domain.JavaMethod m,
                                    com.tngtech.archunit.lang.ConditionEvents events) {
                                java.util.Set<com.tngtech.archunit.core.domain.JavaClass> types =
                                        new java.util.HashSet<>(m.getRawParameterTypes());
                                types.add(m.getRawReturnType());
                                for (var t : types) {
                                    String name = t.getBaseComponentType().getName();
                                    if (name.startsWith("dev.gatehouse.internal.")
                                            || name.startsWith("org.kie.")
                                            || name.startsWith("org.drools.")
                                            || name.startsWith("com.fasterxml.")) {
                                        events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                                m, m.getFullName() + " names " + name));
                                    }
                                }
                            }
                        })
                .check(classes);
    }

    /** An input exists only validated: EvaluationInput's constructor is registered by the class itself, once. */
    @Test
    void onlyEvaluationInputRegistersItsConstructor() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("dev.gatehouse.EvaluationInput")
                .should()
                .callMethod(
                        dev.gatehouse.internal.InputAccess.class,
                        "register",
                        dev.gatehouse.internal.InputAccess.Maker.class,
                        java.util.function.Function.class)
                .check(classes);
    }

    @Test
    void onlyTheRulebaseAndEvaluateStagesTouchDrools() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.gatehouse.internal.rulebase..", "dev.gatehouse.internal.evaluate..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.kie..", "org.drools..")
                .check(classes);
    }

    @Test
    void stagesDoNotDependOnThePublicApiPackage() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.gatehouse.internal.json..",
                        "dev.gatehouse.internal.load..",
                        "dev.gatehouse.internal.validate..",
                        "dev.gatehouse.facts..",
                        "dev.gatehouse.internal.rulebase..",
                        "dev.gatehouse.internal.evaluate..",
                        "dev.gatehouse.internal.decide..",
                        "dev.gatehouse.internal.explain..",
                        "dev.gatehouse.model..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.gatehouse")
                .check(classes);
    }

    @Test
    void stagesDependOnlyUpstream() {
        String[] order = {
            "internal.json",
            "internal.load",
            "internal.validate",
            "facts",
            "internal.rulebase",
            "internal.evaluate",
            "internal.decide",
            "internal.explain"
        };
        for (int i = 0; i < order.length - 1; i++) {
            String[] downstream = new String[order.length - i - 1];
            for (int j = i + 1; j < order.length; j++) {
                downstream[j - i - 1] = "dev.gatehouse." + order[j] + "..";
            }
            noClasses()
                    .that()
                    .resideInAPackage("dev.gatehouse." + order[i] + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(downstream)
                    .allowEmptyShould(false)
                    .check(classes);
        }
    }

    @Test
    void theContractModelDependsOnNoStage() {
        noClasses()
                .that()
                .resideInAPackage("dev.gatehouse.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.gatehouse.internal..", "dev.gatehouse.facts..")
                .check(classes);
    }
}
