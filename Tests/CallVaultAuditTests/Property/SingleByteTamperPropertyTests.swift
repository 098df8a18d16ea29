import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import PropertyBased
import Testing

/// No sequence of appends and checkpoints, followed by a change of one byte anywhere in the file
/// (to any other value), verifies: not in the header, not in an entry or a checkpoint, not in a
/// newline, not in a torn last line. And the problem is reported on the changed line (or, for a
/// changed header, on the first entry, whose hash the header feeds).
@Suite("Audit properties: a single changed byte never verifies")
struct SingleByteTamperPropertyTests {
    enum Step: CustomStringConvertible {
        case append(count: Int, variant: Int)
        case checkpoint
        case advance(milliseconds: Int)

        var description: String {
            switch self {
            case .append(let count, let variant): "append \(count)x\(variant)"
            case .checkpoint: "checkpoint"
            case .advance(let milliseconds): "advance \(milliseconds) ms"
            }
        }
    }

    /// How a crash left the end of the file, if it did.
    enum Tail: Int, CaseIterable {
        case whole, halfLine, noNewline, oneByte
    }

    struct Change: CustomStringConvertible {
        let position: Double
        let value: UInt8

        var description: String { "byte at \(position) to \(value)" }
    }

    static let step = Gen.frequency(
        (6, zip(Gen.int(in: 1...3), Gen.int(in: 0...19)).map { Step.append(count: $0, variant: $1) }),
        (1, Gen.always(Step.checkpoint)),
        (2, Gen.int(in: 0...45_000).map { Step.advance(milliseconds: $0) })
    )

    static let value = Gen.frequency(
        (6, Gen.uint8(in: 0...255)),
        (1, Gen.always(UInt8(ascii: "\n"))),
        (1, Gen.always(UInt8(ascii: "\""))),
        (1, Gen.always(UInt8(ascii: "0")))
    )

    static let change = zip(Gen.double(in: 0..<1), value).map { Change(position: $0, value: $1) }

    /// Builds the log a plan describes, in the file format.
    static func build(every: Int, steps: [Step], tail: Tail, key: SigningKey) async throws -> [UInt8] {
        let sink = InMemoryAuditSink()
        let clock = ManualWallClock(AuditFixture.start)
        let log = try await AuditLog(
            sink: sink, signingKey: key, clock: clock,
            configuration: .init(checkpointEvery: every, checkpointInterval: .seconds(30)))
        // Every log has at least one entry: a log of only a header has nothing for a change to break.
        try await log.record(AuditFixture.record(0))
        for step in steps {
            switch step {
            case .append(let count, let variant):
                try await log.record((0..<count).map { AuditFixture.record(variant + $0) })
            case .checkpoint: try await log.checkpoint()
            case .advance(let milliseconds): clock.advance(by: .milliseconds(Int64(milliseconds)))
            }
        }
        var bytes = sink.fileContents()
        switch tail {
        case .whole: break
        case .halfLine:
            let next = AuditFixture.record(99)
            let line = #"{"seq":999,"time":"2026-11-18T07:33:20.250Z","actor":"\#(next.actor)","action":"#
            bytes += Array(line.utf8)
        case .noNewline: bytes.removeLast()
        case .oneByte: bytes.append(UInt8(ascii: "{"))
        }
        return bytes
    }

    /// Applies a change and checks it fails verification where it should; returns a failure text.
    static func check(_ original: [UInt8], _ change: Change, key: SigningKey) -> String? {
        let offset = min(original.count - 1, Int(change.position * Double(original.count)))
        var changed = original
        changed[offset] = change.value == original[offset] ? original[offset] ^ 0x01 : change.value
        let line = LogLines.line(ofOffset: offset, in: original)
        for verifier in [AuditVerifier(trustedKey: key.verifyingKey), AuditVerifier()] {
            let verification = verifier.verify(contents: changed)
            guard let problem = verification.problem else {
                return "byte \(offset) (line \(line)) changed from \(original[offset]) to \(changed[offset]) verified"
            }
            guard (line...max(line, 2)).contains(problem.line) else {
                return "byte \(offset) on line \(line) changed, but the problem is on line \(problem.line): \(problem)"
            }
        }
        return nil
    }

    @Test("random logs, random single-byte changes")
    func randomChanges() async throws {
        let key = try AuditFixture.key()
        let plan = zip(
            Gen.int(in: 1...6), Self.step.array(of: 0...14),
            Gen.frequency((4, Gen.always(Tail.whole)), (1, Gen.element(of: Tail.allCases).map { $0 ?? .whole })),
            Self.change.array(of: 6))
        await propertyCheck(count: 200, input: plan) { every, steps, tail, changes in
            let original = try await Self.build(every: every, steps: steps, tail: tail, key: key)
            let verification = AuditVerifier(trustedKey: key.verifyingKey).verify(contents: original)
            if tail == .whole {
                #expect(verification.isIntact, "the unchanged log verifies: \(verification)")
            } else {
                #expect(verification.problem?.kind == .tornLine, "\(verification)")
            }
            for change in changes {
                let failure = Self.check(original, change, key: key)
                #expect(failure == nil, "\(failure ?? ""); every \(every), \(steps), tail \(tail)")
            }
        }
    }

    @Test("every byte of a small log, changed to each of four values")
    func everyByte() async throws {
        let key = try AuditFixture.key()
        let original = try await Self.build(
            every: 2,
            steps: [.append(count: 1, variant: 2), .advance(milliseconds: 40_000), .append(count: 2, variant: 3)],
            tail: .whole, key: key)
        #expect(AuditVerifier(trustedKey: key.verifyingKey).verify(contents: original).isIntact)
        var failures: [String] = []
        for offset in original.indices {
            let position = (Double(offset) + 0.5) / Double(original.count)
            for value in [original[offset] ^ 0x01, original[offset] ^ 0x20, UInt8(ascii: "\n"), 0x00] {
                if let failure = Self.check(original, Change(position: position, value: value), key: key) {
                    failures.append(failure)
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }
}
