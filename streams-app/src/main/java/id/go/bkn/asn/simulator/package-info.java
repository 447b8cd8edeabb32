/**
 * The Kota Serang simulator's Kafka-free core (issue #4): {@link
 * id.go.bkn.asn.simulator.SimulationConfig} (validated settings), {@link
 * id.go.bkn.asn.simulator.KotaSerangReference} (units, synthetic roster, programme catalogue),
 * {@link id.go.bkn.asn.simulator.EventGenerator} (reference data, then events in simulated-time
 * order into a {@link id.go.bkn.asn.simulator.SimulationSink}), {@link
 * id.go.bkn.asn.simulator.SimulatedClock} (from, speed, never ahead of the wall clock) and {@link
 * id.go.bkn.asn.simulator.BadInputInjector} (bad input on purpose). A driver does, in a loop:
 * {@code generator.advanceTo(clock.now(), budget)} with a budget from {@code --rate}, and maps the
 * sink's calls to the contract topics.
 */
package id.go.bkn.asn.simulator;
