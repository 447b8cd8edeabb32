package id.go.bkn.asn.topology;

import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.ProgramWeekState;
import id.go.bkn.asn.serde.InternalAvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Stage 3, by programme (design: docs/design/topology.md). Input: the programme-keyed stream of
 * {@link ProgramMessage}s, the ATTENDANCE and FEEDBACK that the tree stage counted for their week
 * and the WATERMARKs every tree task broadcasts to every partition. Output: {@code
 * analytics.program-satisfaction-weekly}, keyed {@code programId|yyyy-MM-dd} (the Monday, WIB), one
 * ProgramSatisfaction per programme and week with activity: PROVISIONAL records while the week is
 * open, written every emit interval when it changed, then exactly one FINAL once the slowest tree
 * task has passed the week's end plus the week grace. Titles and organisers come from the global
 * {@code programs} store; a programme missing there is still published, with its id as title and
 * organiser kind OTHER. No employee id leaves the stage. Stores: {@code program-weeks}, {@code
 * program-seen}, {@code program-watermarks}; processor {@code program-satisfaction}.
 */
final class ProgramStage {

  private final TopologyContext context;

  ProgramStage(final TopologyContext context) {
    this.context = context;
  }

  /** Adds the weekly programme satisfaction on the programme stream. */
  void build(final StreamsBuilder builder, final KStream<String, ProgramMessage> programs) {
    addStores(builder);
    programs
        .process(
            () -> new ProgramWeekProcessor(context.settings(), context.clock()),
            Named.as("program-satisfaction"),
            ProgramWeekProcessor.WEEKS_STORE,
            ProgramWeekProcessor.SEEN_STORE,
            ProgramWeekProcessor.WATERMARKS_STORE)
        .to(
            context.topics().programSatisfactionWeekly(),
            Produced.with(Serdes.String(), context.serdes().programSatisfaction())
                .withName("program-satisfaction-sink"));
  }

  private static void addStores(final StreamsBuilder builder) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ProgramWeekProcessor.WEEKS_STORE),
                Serdes.String(),
                new InternalAvroSerde<>(ProgramWeekState.class))
            // Cached: a week's state is rewritten by every event of its programme; between two
            // commits only the last value needs to reach RocksDB and the changelog.
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ProgramWeekProcessor.SEEN_STORE),
                Serdes.String(),
                Serdes.Long())
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ProgramWeekProcessor.WATERMARKS_STORE),
            Serdes.Integer(),
            Serdes.Long()));
  }
}
