package id.go.bkn.asn.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks and picks TCP ports for the embedded servers before they start, so that a port in use
 * gives the user one clear line instead of a Kafka stack trace from deep inside its socket server.
 */
final class LocalPorts {
  private LocalPorts() {}

  /**
   * Fails with a {@link LocalStackException} naming {@code option} when something already listens
   * on {@code host:port}.
   */
  static void requireFree(final String host, final int port, final String option) {
    try (ServerSocket socket = new ServerSocket()) {
      // Same SO_REUSEADDR as Kafka's acceptor: a socket of a previous run lingering in TIME_WAIT
      // does not stop Kafka from binding, so it must not fail this check either.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (final IOException e) {
      throw new LocalStackException(
          String.format(
              "Port %d on %s is already in use: stop the process using it or choose another port"
                  + " with %s",
              port, host, option),
          e);
    }
  }

  /**
   * A port that is free on {@code host} right now. Another process could take it before the caller
   * binds it; that is acceptable for tests and for "any port" requests.
   */
  static int pickFree(final String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    } catch (final IOException e) {
      throw new LocalStackException(
          "Cannot find a free port on " + host + ": " + e.getMessage(), e);
    }
  }
}
