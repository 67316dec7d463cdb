package csc.lakehouse.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The DfE's published comparators shipped in the jar (public aggregate statistics, every LA's rows, so that the
 * statistical neighbours, the quartile bands and the ranks are taken among all LAs as LAIT takes them;
 * Open Government Licence), used when a drop has no {@code benchmarks/} folder. Never fetched at run time.
 */
public final class BundledBenchmarks {
    static final List<String> FILES = List.of(
            "b1_children_in_need_2013_to_2025.csv",
            "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
            "d3_cpps_subsequent_plan_2013_to_2025.csv",
            "d5_cpps_at31march_by_duration_2013_to_2025.csv",
            "cla_number_and_rate_per_10k_children.csv",
            // England's care starts under police protection (L1), from the DfE's CLA national tables as recorded in
            // ../shared/domain/reference.md section 5.3 (the LA-level file is not bundled)
            "national_cla_starts_by_legal_status.csv",
            "New_Statistical_Neighbour_Groupings_April_2021.csv",
            // care leavers (OC3) and the health of children looked after (OC2), every LA
            "la_care_leavers_activity.csv",
            "la_care_leavers_accommodation_suitability.csv",
            "la_conviction_health_outcome_cla.csv",
            // factors identified at the end of assessment (table C3), placement stability and social worker
            // stability, every LA
            "c3_factors_identified_at_end_of_assessment_2018_to_2025.csv",
            "la_cla_placement_stability.csv",
            "la_cla_swcount.csv",
            // the DfE's 2025 statistical-neighbour model, which replaces the 2021 groupings (Benchmarks)
            "sn_model_2025_wide.csv",
            // LAIT's long file (every LA, region and England): the published values of the national framework
            // indicators only national data holds (school outcomes, hospital admissions, workforce)
            "bds_long_0.parquet");
    private static Path dir;

    private BundledBenchmarks() {}

    /**
     * The drop's own {@code benchmarks/} folder as a local folder, or null when it has none: a local drop's folder
     * itself; a drop on object storage ({@code --input s3a://...}) has its files copied through Hadoop's FileSystem
     * to a temporary folder (removed at exit), since the readers take local files.
     */
    public static Path fromDrop(org.apache.hadoop.conf.Configuration conf, String input) {
        boolean remote = input.contains("://") && !input.startsWith("file:");
        if (!remote) {
            Path local = java.nio.file.Paths.get(input.startsWith("file:") ? java.net.URI.create(input).getPath() : input, "benchmarks");
            return Files.isDirectory(local) ? local : null;
        }
        try {
            org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(input.replaceAll("/+$", "") + "/benchmarks");
            org.apache.hadoop.fs.FileSystem fs = src.getFileSystem(conf);
            if (!fs.exists(src)) return null;
            Path d = Files.createTempDirectory("csc-drop-benchmarks");
            d.toFile().deleteOnExit();
            for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(src)) {
                if (!f.isFile()) continue;
                Path to = d.resolve(f.getPath().getName());
                try (InputStream in = fs.open(f.getPath())) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
                to.toFile().deleteOnExit();
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the drop's benchmarks from " + input + ": " + e.getMessage(), e);
        }
    }

    /** A temporary folder holding the bundled files (extracted once per process). */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("csc-benchmarks");
                // deleted at exit in reverse order of registration: the files, then the (then empty) folder
                d.toFile().deleteOnExit();
                for (String f : FILES) {
                    try (InputStream in = BundledBenchmarks.class.getResourceAsStream("/benchmarks/" + f)) {
                        if (in != null) {
                            Files.copy(in, d.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                            d.resolve(f).toFile().deleteOnExit();
                        }
                    }
                }
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}
