import Benchmark
import CallVaultConsent
import CallVaultCore

/// The consent engine on the call path: resolving a three-party call's requirement, and feeding
/// the state machine events once the call is recording.
///
/// Targets: at least a million resolutions per second on one core; under a microsecond per
/// event, with no allocation per event in the steady state (gated in CI through
/// `Thresholds/CallVaultBenchmarks.ConsentEventAllocations.p90.json`).
enum ConsentBenchmarks {
    static let eventsPerIteration = 3 * 1_000

    static func register() {
        Benchmark(
            "ConsentResolveThreeParties",
            configuration: .init(metrics: [.throughput, .wallClock, .mallocCountTotal], scalingFactor: .kilo)
        ) { benchmark, resolution in
            for _ in benchmark.scaledIterations {
                blackHole(
                    resolution.resolver.resolve(direction: .inbound, parties: resolution.parties, purposes: [.quality]))
            }
        } setup: {
            try ThreePartyResolution()
        }

        // Three events per round on a recording call: card data paused, released, and a key that
        // changes nothing. Throughput counts events.
        Benchmark(
            "ConsentEventsSteadyState",
            configuration: .init(metrics: [.throughput, .wallClock], scalingFactor: .kilo)
        ) { benchmark, call in
            for _ in 0..<(benchmark.scaledIterations.count / 3) {
                try call.round()
            }
        } setup: {
            try RecordingCall()
        }

        Benchmark(
            "ConsentEventAllocations",
            configuration: .init(
                metrics: [.mallocCountTotal], maxIterations: RunSettings.isQuick ? 10 : 100,
                thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0])])
        ) { benchmark, call in
            benchmark.startMeasurement()
            for _ in 0..<(eventsPerIteration / 3) {
                try call.round()
            }
            benchmark.stopMeasurement()
        } setup: {
            try RecordingCall()
        }
    }
}

/// A customer in California on a mobile, an agent in Texas and an interpreter in Germany.
final class ThreePartyResolution {
    let resolver: RequirementResolver
    let parties: [CallParty]

    init() throws {
        resolver = RequirementResolver(catalog: try JurisdictionCatalog.bundled)
        parties = [
            CallParty(id: "customer", role: .customer, location: try Jurisdiction(parsing: "US-CA"), medium: .mobile),
            CallParty(id: "agent", role: .agent, location: try Jurisdiction(parsing: "US-TX")),
            CallParty(id: "interpreter", role: .thirdParty, location: try Jurisdiction(parsing: "DE"), medium: .voip),
        ]
    }
}

/// A machine whose call is recording (a New York customer was told), fed steady-state events.
final class RecordingCall {
    var machine: ConsentStateMachine
    private var clock: Int64 = 10_000

    init() throws {
        machine = ConsentStateMachine(
            resolver: RequirementResolver(catalog: try JurisdictionCatalog.bundled), purposes: [.quality],
            policy: ConsentPolicy())
        let customer = CallParty(id: "customer", role: .customer, location: try Jurisdiction(parsing: "US-NY"))
        let agent = CallParty(id: "agent", role: .agent, location: try Jurisdiction(parsing: "US-TX"))
        let script = ScriptReference(scriptID: "callvault.ivr.notice", version: "1", language: "en", textHash: "00")
        _ = try machine.callStarted(
            callID: "bench", direction: .inbound,
            participants: [ConsentParticipant(party: customer), ConsentParticipant(party: agent)],
            at: ConsentMoment(unixMilliseconds: 0))
        _ = try machine.announcementStarted(party: "customer", script: script, at: ConsentMoment(unixMilliseconds: 1))
        _ = try machine.announcementFinished(party: "customer", script: script, at: ConsentMoment(unixMilliseconds: 2))
    }

    func round() throws {
        clock += 1
        blackHole(try machine.securePauseRequested(at: ConsentMoment(unixMilliseconds: clock)))
        blackHole(try machine.securePauseReleased(at: ConsentMoment(unixMilliseconds: clock)))
        blackHole(try machine.keyPressed(party: "customer", key: "5", at: ConsentMoment(unixMilliseconds: clock)))
    }
}
