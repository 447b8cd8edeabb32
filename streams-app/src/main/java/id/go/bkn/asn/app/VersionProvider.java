package id.go.bkn.asn.app;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    final String version = PipelineMain.class.getPackage().getImplementationVersion();
    return new String[] {"pipeline " + (version == null ? "development" : version)};
  }
}
