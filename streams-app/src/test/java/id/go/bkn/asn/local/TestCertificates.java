package id.go.bkn.asn.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made at test time with the JDK's
 * {@code keytool} (no library of the JDK makes certificates through a public API): a PKCS12 key
 * store for the servers (the broker, its controller listener, the registry, the app's HTTP port)
 * and a PKCS12 trust store holding the certificate for the clients. Valid for two days, random
 * passwords, files in the given directory.
 *
 * @param keyStore the server's key and certificate
 * @param keyStorePassword its password (also the key's)
 * @param trustStore the certificate, for clients
 * @param trustStorePassword its password
 * @param subject the certificate's subject, which is the broker's principal under mutual TLS
 */
public record TestCertificates(
    Path keyStore,
    String keyStorePassword,
    Path trustStore,
    String trustStorePassword,
    String subject) {

  private static final long KEYTOOL_TIMEOUT_SECONDS = 120;

  /** Creates the two stores in {@code dir}. */
  public static TestCertificates create(final Path dir) throws IOException, InterruptedException {
    final String keyPassword = "k" + UUID.randomUUID().toString().replace("-", "");
    final String trustPassword = "t" + UUID.randomUUID().toString().replace("-", "");
    final String subject = "CN=embedded-kafka-broker";
    final Path keyStore = dir.resolve("server.p12");
    final Path trustStore = dir.resolve("truststore.p12");
    final Path certificate = dir.resolve("server.crt");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2",
        "-dname",
        subject,
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        keyPassword,
        "-keypass",
        keyPassword);
    keytool(
        "-exportcert",
        "-alias",
        "server",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        keyPassword,
        "-rfc",
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        certificate.toString(),
        "-keystore",
        trustStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        trustPassword);
    return new TestCertificates(keyStore, keyPassword, trustStore, trustPassword, subject);
  }

  private static void keytool(final String... args) throws IOException, InterruptedException {
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    final byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("keytool " + args[0] + " did not finish");
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "keytool " + args[0] + " failed: " + new String(output, StandardCharsets.UTF_8));
    }
  }
}
