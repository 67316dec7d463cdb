package csc.lakehouse.publish;

import csc.lakehouse.SparkTestSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** A publish killed between writing a temporary file and renaming it leaves the file; the next publish removes it. */
class AbandonedTempFilesTest {
    @Test
    void hiddenTempFilesGoOtherFilesStay() throws Exception {
        Path out = SparkTestSession.tempDir("abandoned");
        Files.createDirectories(out.resolve("published"));
        Path xlsxTmp = Files.writeString(out.resolve(".trends.xlsx.16188630268212993930.tmp"), "half");
        Path csvTmp = Files.writeString(out.resolve("published/.trends.csv.42.tmp"), "half");
        Path trends = Files.writeString(out.resolve("trends.csv"), "whole");
        Path analystsNote = Files.writeString(out.resolve("notes.tmp"), "not hidden: not ours");
        OutputFolder.at(new org.apache.hadoop.conf.Configuration(), out.toString()).removeAbandonedTempFiles();
        assertFalse(Files.exists(xlsxTmp));
        assertFalse(Files.exists(csvTmp));
        assertTrue(Files.exists(trends));
        assertTrue(Files.exists(analystsNote));
    }
}
