package csc.lakehouse.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction of the arrows between packages (docs/developing.md, "Layers"): spec and lake at the bottom,
 * then ingest (bronze), conform (silver), measures (gold, from silver only), publish, pipeline (which wires the
 * stages), bench (the benchmark's Spark and DuckDB references) and cli (which only parses options). Synth, the
 * generator, stands alone. A class that imports against
 * the arrows fails this test with the offending dependency named.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // production classes only: tests may reach across layers to build fixtures
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("csc.lakehouse");
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("spec").definedBy("csc.lakehouse.spec..")
                .layer("config").definedBy("csc.lakehouse.config..")
                .layer("lake").definedBy("csc.lakehouse.lake..")
                .layer("ingest").definedBy("csc.lakehouse.ingest..")
                .layer("conform").definedBy("csc.lakehouse.conform..")
                .layer("measures").definedBy("csc.lakehouse.measures..")
                .layer("publish").definedBy("csc.lakehouse.publish..")
                .layer("pipeline").definedBy("csc.lakehouse.pipeline..")
                .layer("bench").definedBy("csc.lakehouse.bench..")
                .layer("synth").definedBy("csc.lakehouse.synth..")
                .layer("cli").definedBy("csc.lakehouse.cli..")
                // the bottom: specs as data, the pseudonym key, the Delta tables
                .whereLayer("spec").mayNotAccessAnyLayer()
                .whereLayer("config").mayNotAccessAnyLayer()
                .whereLayer("lake").mayOnlyAccessLayers("spec")
                // bronze, then silver from bronze, then gold from silver only (never bronze, never ingest)
                .whereLayer("ingest").mayOnlyAccessLayers("spec", "lake")
                .whereLayer("conform").mayOnlyAccessLayers("spec", "lake", "config")
                .whereLayer("measures").mayOnlyAccessLayers("spec", "lake")
                .whereLayer("publish").mayOnlyAccessLayers("spec", "lake", "measures")
                // the stages are wired in one place; the CLI parses options and calls it
                .whereLayer("pipeline").mayOnlyAccessLayers("spec", "lake", "config", "ingest", "conform", "measures", "publish")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("cli")
                // the benchmark's references: the measures from silver (Spark) and DuckDB's own SQL, for the CLI
                .whereLayer("bench").mayOnlyAccessLayers("spec", "lake", "measures")
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                // the generator writes files in the councils' formats from its own model of a borough; its calibration
                // report reads the code groups the measures read, from data-schemas (never the pipeline's code)
                .whereLayer("synth").mayOnlyAccessLayers("spec")
                .check(main);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("csc.lakehouse.(*)..").should().beFreeOfCycles().check(main);
    }
}
