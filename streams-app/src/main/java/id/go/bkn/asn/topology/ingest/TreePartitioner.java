package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.topology.WatermarkPartitioner;

/** Partitions the asn-tree repartition: ingest watermarks to every tree task, the rest by key. */
public final class TreePartitioner extends WatermarkPartitioner<TreeMessage> {

  @Override
  protected boolean isWatermark(final TreeMessage value) {
    return value.getKind() == TreeMessageKind.WATERMARK;
  }
}
