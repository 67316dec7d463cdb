package csc.lakehouse.lake;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Conditional writes on S3 for the run lock, through the S3A filesystem's own client (its endpoint, credentials
 * and retries). S3A in Hadoop 3.4.1, which Spark 4.0.1 ships, checks for an existing object and then writes, so two
 * runs could both "create" the lock; S3's {@code If-None-Match: *} (Amazon S3 since August 2024, MinIO, Cloudflare
 * R2) makes the create one atomic step. A store that ignores the header falls back to check-then-write
 * (docs/object-storage.md). Loaded only for {@code s3a://} lakehouses, so hadoop-aws is needed only there.
 */
final class S3ConditionalPut {
    private S3ConditionalPut() {}

    static boolean applies(FileSystem fs) {
        return "s3a".equals(fs.getScheme());
    }

    /** Creates the object if it does not exist; its ETag, or null when another writer's object is there. */
    static String createIfAbsent(FileSystem fs, Path p, byte[] body) {
        return put(fs, p, body, b -> b.ifNoneMatch("*"));
    }

    /** Rewrites the object if it is still the one with {@code etag}; the new ETag, or null when it is not. */
    static String replaceIfUnchanged(FileSystem fs, Path p, byte[] body, String etag) {
        return put(fs, p, body, b -> b.ifMatch(etag));
    }

    private static String put(FileSystem fs, Path p, byte[] body,
                              java.util.function.UnaryOperator<PutObjectRequest.Builder> condition) {
        S3AFileSystem s3a = (S3AFileSystem) fs;
        S3Client client = s3a.getS3AInternals().getAmazonS3Client("csc-lakehouse run lock");
        PutObjectRequest req = condition.apply(PutObjectRequest.builder().bucket(s3a.getBucket()).key(s3a.pathToKey(p)))
                .build();
        try {
            return client.putObject(req, RequestBody.fromBytes(body)).eTag();
        } catch (S3Exception e) {
            // 412: the condition did not hold; 409: a concurrent conditional write won
            if (e.statusCode() == 412 || e.statusCode() == 409) return null;
            throw e;
        }
    }
}
