package id.go.bkn.asn.topology.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The headcount ledger's cost per roster change does not grow with the roster: loading N and 10N
 * roster versions into one tree writes 10 times the records and bytes (the old timeline rewrote the
 * root's whole pending list on every change: 100 times the bytes). Counted, not timed.
 */
class HeadcountLedgerTest {

  private static final long DAY = 86_400_000L;
  private static final long LOAD_START = 1_700_000_000_000L;
  private static final List<String> LEAVES = List.of("KEL-A1", "KEL-A2", "KEL-B1");

  /** What a store was asked to write. */
  private static final class Writes {
    long records;
    long bytes;
  }

  @Test
  void shouldWriteLinearlyInTheRosterWhenLoadingIt() {
    // given
    final int n = 1_000;
    // when: N and 10N employees hired, one change each, before any clock (nothing folded)
    final Writes small = load(n);
    final Writes large = load(10 * n);
    // then: ten times the employees, ten times the records and the bytes
    assertThat(large.records).isEqualTo(10 * small.records);
    assertThat((double) large.bytes / small.bytes).isBetween(9.0, 11.0);
    // and each change is a constant number of writes (current + change, per unit of the chain)
    assertThat(small.records).isEqualTo(6L * n);
  }

  @Test
  void shouldAnswerAsOfAnInstantFromTheCurrentCountAndTheLaterChanges() {
    // given: 100 hires a day apart, then one of them leaving on day 150
    final Fixture fx = new Fixture(new Writes());
    for (int i = 0; i < 100; i++) {
      fx.ledger.change(chain(i), LOAD_START + i * DAY, 1, Long.MIN_VALUE);
    }
    fx.ledger.change(chain(0), LOAD_START + 150 * DAY, -1, Long.MIN_VALUE);
    // then: as of an instant, the changes before it count, the ones at or after it do not
    assertThat(fx.ledger.asOf("KOTA", LOAD_START)).isZero();
    assertThat(fx.ledger.asOf("KOTA", LOAD_START + 1)).isEqualTo(1);
    assertThat(fx.ledger.asOf("KOTA", LOAD_START + 50 * DAY)).isEqualTo(50);
    assertThat(fx.ledger.asOf("KOTA", LOAD_START + 150 * DAY)).isEqualTo(100);
    assertThat(fx.ledger.asOf("KOTA", LOAD_START + 151 * DAY)).isEqualTo(99);
    assertThat(fx.ledger.current("KOTA")).isEqualTo(99);
    assertThat(fx.ledger.asOf("KEL-A1", LOAD_START + 99 * DAY)).isEqualTo(33);
  }

  @Test
  void shouldForgetChangesBeforeTheHorizonInChunksWithoutChangingLaterFigures() {
    // given
    final Fixture fx = new Fixture(new Writes());
    for (int i = 0; i < 100; i++) {
      fx.ledger.change(chain(i), LOAD_START + i * DAY, 1, Long.MIN_VALUE);
    }
    final long horizon = LOAD_START + 60 * DAY;
    // when: folded, the deletes run in chunks of 10 keys
    fx.ledger.foldBefore(horizon);
    int runs = 0;
    while (fx.deletes.pending() && runs < 1_000) {
      fx.deletes.run();
      runs++;
    }
    // then: the changes before the horizon are gone, in many chunks, and the figures from it on
    // hold
    assertThat(runs).isGreaterThan(10);
    assertThat(fx.changesBefore(horizon)).isZero();
    assertThat(fx.ledger.asOf("KOTA", horizon)).isEqualTo(60);
    assertThat(fx.ledger.asOf("KOTA", LOAD_START + 80 * DAY)).isEqualTo(80);
    assertThat(fx.ledger.asOf("KOTA", LOAD_START + 200 * DAY)).isEqualTo(100);
    // and a change before the horizon moves the current count only
    fx.ledger.change(chain(0), LOAD_START, -1, horizon);
    assertThat(fx.changesBefore(horizon)).isZero();
    assertThat(fx.ledger.asOf("KOTA", LOAD_START + 80 * DAY)).isEqualTo(79);
  }

  private static Writes load(final int employees) {
    final Writes writes = new Writes();
    final Fixture fx = new Fixture(writes);
    for (int i = 0; i < employees; i++) {
      // each hire at its own minute, as a roster's hire dates are mostly distinct days
      fx.ledger.change(chain(i), LOAD_START + i * 60_000L, 1, Long.MIN_VALUE);
    }
    assertThat(fx.ledger.current("KOTA")).isEqualTo(employees);
    return writes;
  }

  private static List<String> chain(final int employee) {
    final String leaf = LEAVES.get(employee % LEAVES.size());
    return List.of(leaf, leaf.startsWith("KEL-A") ? "KEC-A" : "KEC-B", "KOTA");
  }

  /** A ledger over in-memory stores, the headcount store counting its writes. */
  private static final class Fixture {
    final KeyValueStore<String, Integer> store;
    final ChunkedDeletes deletes;
    final HeadcountLedger ledger;

    Fixture(final Writes writes) {
      final KeyValueStore<String, Integer> plain = inMemory(TreeStores.HEADCOUNT, Serdes.Integer());
      store = counting(plain, writes);
      deletes =
          new ChunkedDeletes(
              inMemory(TreeStores.PURGE, Serdes.String()), Map.of(TreeStores.HEADCOUNT, store), 10);
      ledger = new HeadcountLedger(store, deletes);
    }

    int changesBefore(final long horizon) {
      int count = 0;
      try (KeyValueIterator<String, Integer> it = store.all()) {
        while (it.hasNext()) {
          final String key = it.next().key;
          if (key.startsWith(HeadcountLedger.CHANGES)
              && key.substring(key.lastIndexOf('|') + 1).compareTo(ChunkedDeletes.timeKey(horizon))
                  < 0) {
            count++;
          }
        }
      }
      return count;
    }
  }

  private static <V> KeyValueStore<String, V> inMemory(final String name, final Serde<V> values) {
    final KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }

  /** The store, counting each put and its serialized key and value bytes. */
  @SuppressWarnings("unchecked")
  private static KeyValueStore<String, Integer> counting(
      final KeyValueStore<String, Integer> store, final Writes writes) {
    return (KeyValueStore<String, Integer>)
        Proxy.newProxyInstance(
            KeyValueStore.class.getClassLoader(),
            new Class<?>[] {KeyValueStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("put") || method.getName().equals("delete")) {
                writes.records++;
                writes.bytes += ((String) args[0]).getBytes(StandardCharsets.UTF_8).length;
                if (method.getName().equals("put")) {
                  writes.bytes += Integer.BYTES;
                }
              }
              return method.invoke(store, args);
            });
  }
}
