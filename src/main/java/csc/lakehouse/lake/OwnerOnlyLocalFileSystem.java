package csc.lakehouse.lake;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's local filesystem with permissions set through {@code java.nio} instead of a forked
 * {@code chmod}. Without Hadoop's native library, {@link RawLocalFileSystem} forks a {@code chmod}
 * process for every file it creates (Parquet part, checksum, Delta log entry); profiling a borough
 * ingest showed about a tenth of the run in {@code ProcessImpl.forkAndExec}. Permissions are the
 * same (the lakehouse is owner-only through the umask), only the mechanism differs.
 */
public final class OwnerOnlyLocalFileSystem extends LocalFileSystem {

    public OwnerOnlyLocalFileSystem() {
        super(new NioPermissions());
    }

    /** The raw layer: everything as Hadoop's, except how a permission is applied. */
    public static final class NioPermissions extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            java.nio.file.Path file = pathToFile(p).toPath();
            try {
                Files.setPosixFilePermissions(file, posix(permission.toShort()));
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);   // not a POSIX filesystem (Windows): Hadoop's own way
            }
        }
    }

    static Set<PosixFilePermission> posix(short mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) out.add(order[bit]);
        }
        return out;
    }
}
