import Benchmark
import CallVaultCore
import CallVaultCrypto

/// Data-key wraps and unwraps per second (an X25519 sealed box each), against raw libsodium
/// `crypto_box_seal` and `crypto_box_seal_open` on the same 48 bytes.
///
/// Every recording is wrapped for each recipient once, and every open unwraps once, so these bound
/// how fast keys can be rotated in bulk (a rewrap of an archive) and how fast an archive opens.
enum KeyWrapping {
    static let callsPerRound = 16

    static func register() {
        let wrap = Comparison("wrap", against: "seal", unit: .operationsPerSecond)
        Benchmark("DataKeyWrapVsRaw", configuration: wrap.configuration) { benchmark, state in
            let timings = try Interleaved().measure(ours: state.wrap, raw: state.sealRaw)
            wrap.record(timings, workPerRound: callsPerRound, in: benchmark)
        } setup: {
            try WrapComparison()
        }

        let unwrap = Comparison("unwrap", against: "open", unit: .operationsPerSecond)
        Benchmark("IdentityUnwrapVsRaw", configuration: unwrap.configuration) { benchmark, state in
            let timings = try Interleaved().measure(ours: state.unwrap, raw: state.openRaw)
            unwrap.record(timings, workPerRound: callsPerRound, in: benchmark)
        } setup: {
            try WrapComparison()
        }
    }
}

/// A data key, a recipient and one wrap made outside measurement, and a raw sealed box beside them.
final class WrapComparison {
    private let dataKey: DataKey
    private let identity: Identity
    private let recordingID = RecordingID()
    private let wrapped: WrappedDataKey
    private let raw = RawSealedBox()

    init() throws {
        dataKey = try DataKey.generate()
        identity = try Identity.generate()
        wrapped = try dataKey.wrapped(for: identity.recipient, recordingID: recordingID)
    }

    func wrap() throws {
        for _ in 0..<KeyWrapping.callsPerRound {
            blackHole(try dataKey.wrapped(for: identity.recipient, recordingID: recordingID))
        }
    }

    func unwrap() throws {
        for _ in 0..<KeyWrapping.callsPerRound {
            blackHole(try identity.unwrap(wrapped, recordingID: recordingID))
        }
    }

    func sealRaw() {
        for _ in 0..<KeyWrapping.callsPerRound {
            raw.seal()
        }
    }

    func openRaw() throws {
        for _ in 0..<KeyWrapping.callsPerRound {
            guard raw.open() else { throw BenchmarkFailure.rawOpenFailed }
        }
    }
}
