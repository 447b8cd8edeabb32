package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.ProgramMessageKind;
import id.go.bkn.asn.topology.WatermarkPartitioner;

/** Partitions the asn-program repartition: tree watermarks to every task, the rest by programme. */
public final class ProgramPartitioner extends WatermarkPartitioner<ProgramMessage> {

  @Override
  protected boolean isWatermark(final ProgramMessage value) {
    return value.getKind() == ProgramMessageKind.WATERMARK;
  }
}
