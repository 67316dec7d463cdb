package csc.lakehouse.objectstore;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real S3 API server on 127.0.0.1 (S3Proxy over jclouds' filesystem store): every object lands as a file under
 * {@code folder/<bucket>/<key>}, so a test can see exactly what was written where. Credentials are the test's own.
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "csc-test-access";
    private final S3Proxy proxy;
    private final BlobStoreContext context;
    final String secretKey;
    final Path folder;

    S3Server(Path folder, String secretKey) throws Exception {
        this.folder = folder;
        this.secretKey = secretKey;
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", folder.toString());
        context = ContextBuilder.newBuilder("filesystem").credentials(ACCESS_KEY, secretKey).overrides(p)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, secretKey).build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("S3Proxy did not start");
            Thread.sleep(10);
        }
    }

    String endpoint() { return "http://127.0.0.1:" + proxy.getPort(); }

    void createBucket(String bucket) { context.getBlobStore().createContainerInLocation(null, bucket); }

    @Override public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
