package dev.gatehouse.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JUnit class name of a golden-case run is the same on every machine: no path, only the folder's name. */
class CaseReportTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "fixtures|gatehouse.cases.fixtures",
                "/home/runner/work/gatehouse/gatehouse/fixtures|gatehouse.cases.fixtures",
                "/tmp/junit123/fixtures/|gatehouse.cases.fixtures",
                "C:\\work\\gatehouse\\fixtures|gatehouse.cases.fixtures",
                "./cases/my cases.v2|gatehouse.cases.my_cases_v2",
                "/|gatehouse.cases.cases",
            })
    void whenTheFixturesFolderIsNamedAnyWayThenTheClassNameHoldsOnlyItsLastSegment(String folder, String classname) {
        assertEquals(classname, CaseReport.classname(folder));
    }
}
