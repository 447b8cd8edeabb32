package id.go.bkn.asn.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the app's two servers on the JDK's {@link HttpServer} (the metrics and health endpoints, the
 * embedded schema registry) share: their base URL, and a stop that does not wait in vain.
 */
public final class JdkHttpServers {

  /** How long running requests get to finish when a server stops. */
  private static final int STOP_DELAY_SECONDS = 1;

  /** The JDK server's switch for TCP_NODELAY on accepted connections (off by default). */
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private JdkHttpServers() {}

  /**
   * Turns on TCP_NODELAY for the JDK's HTTP server; call it before creating a server, as the JDK
   * reads its settings once, when its implementation first loads. Without it every answer written
   * in more than one packet waits for the client's delayed ACK (Nagle's algorithm): about 40 ms on
   * Linux, whatever the answer's size, which the bench's API answer times showed. An operator's own
   * {@code -Dsun.net.httpserver.nodelay} wins.
   */
  public static void noDelay() {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8080} (IPv6 hosts in brackets). */
  public static String url(final HttpServer server) {
    final String host = server.getAddress().getAddress().getHostAddress();
    final String shown = host.contains(":") ? "[" + host + "]" : host;
    final boolean https =
        server instanceof HttpsServer
            || server instanceof AuthenticatingHttpServer authenticating && authenticating.https();
    return (https ? "https://" : "http://") + shown + ":" + server.getAddress().getPort();
  }

  /** Stops accepting requests and frees the port; running requests get a second to finish. */
  public static void stop(final HttpServer server, final ExecutorService executor) {
    // The JDK's stop(n) waits the full n seconds even when idle, so wait on the executor
    // instead, which returns as soon as the running handlers are done.
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_DELAY_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (final InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
