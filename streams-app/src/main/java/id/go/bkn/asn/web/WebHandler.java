package id.go.bkn.asn.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in web dashboard's files, registered on the app's HTTP server as the context {@code /}:
 * the page ({@code /} is {@code web/index.html}), its scripts and styles ({@code /assets/*} from
 * {@code web/} on the classpath) and the WebJars it uses ({@code /webjars/NAME/FILE} from the
 * WebJar's {@code META-INF/resources/webjars/NAME/VERSION/FILE}, the version read from the WebJar's
 * own {@code pom.properties}, so an upgrade in the pom needs no change here). Nothing comes from
 * the internet. Anything else is a 404.
 *
 * <p>Written by hand: serving a few classpath files on the JDK's HTTP server does not justify a web
 * framework.
 */
public final class WebHandler implements HttpHandler {

  /** The Maven groups WebJars come from: classic and npm-built ones. */
  private static final List<String> WEBJAR_GROUPS = List.of("org.webjars", "org.webjars.npm");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "map", "application/json; charset=utf-8");

  private final ClassLoader loader = WebHandler.class.getClassLoader();
  private final Map<String, Optional<String>> versions = new ConcurrentHashMap<>();

  @Override
  public void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      final String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        text(exchange, 405, "The dashboard is read-only: use GET\n");
        return;
      }
      final String path = exchange.getRequestURI().getPath();
      final Optional<String> resource = resourceOf(path);
      final byte[] body = resource.map(this::read).orElse(null);
      if (body == null) {
        text(exchange, 404, "Not found\n");
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", type(resource.get()));
      // The page's own files change with the app; a WebJar's file never changes under its version.
      exchange
          .getResponseHeaders()
          .set("Cache-Control", path.startsWith("/webjars/") ? "max-age=86400" : "no-cache");
      send(exchange, 200, body);
    }
  }

  /** The classpath resource a path maps to, if any; never one outside the served folders. */
  Optional<String> resourceOf(final String path) {
    if (path == null
        || path.contains("..")
        || path.contains("\\")
        || path.endsWith("/") && !path.equals("/")) {
      return Optional.empty();
    }
    if (path.equals("/") || path.equals("/index.html")) {
      return Optional.of("web/index.html");
    }
    if (path.startsWith("/assets/") && path.length() > "/assets/".length()) {
      return Optional.of("web/" + path.substring("/assets/".length()));
    }
    if (path.startsWith("/webjars/")) {
      final String rest = path.substring("/webjars/".length());
      final int slash = rest.indexOf('/');
      if (slash <= 0 || slash == rest.length() - 1) {
        return Optional.empty();
      }
      final String name = rest.substring(0, slash);
      return version(name)
          .map(
              v ->
                  "META-INF/resources/webjars/" + name + "/" + v + "/" + rest.substring(slash + 1));
    }
    return Optional.empty();
  }

  private Optional<String> version(final String webjar) {
    return versions.computeIfAbsent(
        webjar,
        name -> {
          for (final String group : WEBJAR_GROUPS) {
            final byte[] pom = read("META-INF/maven/" + group + "/" + name + "/pom.properties");
            if (pom != null) {
              final Properties props = new Properties();
              try {
                props.load(new ByteArrayInputStream(pom));
              } catch (final IOException e) {
                throw new UncheckedIOException(e);
              }
              return Optional.ofNullable(props.getProperty("version"));
            }
          }
          return Optional.empty();
        });
  }

  private byte[] read(final String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String type(final String resource) {
    final int dot = resource.lastIndexOf('.');
    final String ext = dot < 0 ? "" : resource.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  private static void text(final HttpExchange exchange, final int status, final String body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(final HttpExchange exchange, final int status, final byte[] body)
      throws IOException {
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
