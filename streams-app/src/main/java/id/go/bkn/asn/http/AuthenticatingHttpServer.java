package id.go.bkn.asn.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * An {@link HttpServer} that sets its {@link HttpSecurity}'s authenticator on every context as it
 * is created, so a route added later is protected without anyone remembering to. Everything else is
 * the wrapped JDK server's (HTTP or HTTPS). Written by hand because the JDK has no server-wide
 * authenticator.
 */
final class AuthenticatingHttpServer extends HttpServer {

  private final HttpServer delegate;
  private final HttpSecurity security;

  AuthenticatingHttpServer(final HttpServer delegate, final HttpSecurity security) {
    this.delegate = delegate;
    this.security = security;
  }

  /** Whether the wrapped server speaks TLS. */
  boolean https() {
    return security.https();
  }

  @Override
  public HttpContext createContext(final String path, final HttpHandler handler) {
    return protect(delegate.createContext(path, handler));
  }

  @Override
  public HttpContext createContext(final String path) {
    return protect(delegate.createContext(path));
  }

  private HttpContext protect(final HttpContext context) {
    context.setAuthenticator(security.authenticatorFor(context.getPath()));
    return context;
  }

  @Override
  public void bind(final InetSocketAddress address, final int backlog) throws IOException {
    delegate.bind(address, backlog);
  }

  @Override
  public void start() {
    delegate.start();
  }

  @Override
  public void setExecutor(final Executor executor) {
    delegate.setExecutor(executor);
  }

  @Override
  public Executor getExecutor() {
    return delegate.getExecutor();
  }

  @Override
  public void stop(final int delay) {
    delegate.stop(delay);
  }

  @Override
  public void removeContext(final String path) {
    delegate.removeContext(path);
  }

  @Override
  public void removeContext(final HttpContext context) {
    delegate.removeContext(context);
  }

  @Override
  public InetSocketAddress getAddress() {
    return delegate.getAddress();
  }
}
