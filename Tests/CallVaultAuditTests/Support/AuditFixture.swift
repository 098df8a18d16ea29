import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// Keys, records and logs shared by the audit tests.
enum AuditFixture {
    /// 2026-11-18T11:06:40.250Z: a time with milliseconds, so their handling is exercised.
    static let start = Date(timeIntervalSince1970: 1_795_000_000.250)

    /// A signing key from a fixed seed, so failures reproduce.
    static func key(_ number: UInt8 = 1) throws -> SigningKey {
        let seed = [UInt8](repeating: number, count: SigningKey.seedByteCount)
        return try seed.withUnsafeBytes { try SigningKey(seed: $0) }
    }

    /// The recording most fixtures' entries are about.
    static let recording = RecordingID(uuid: UUID(uuid: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)))

    /// A varied record: every field and every outcome shows up across `index`, including text that
    /// needs escaping in JSON.
    static func record(_ index: Int, recording: RecordingID = AuditFixture.recording) -> AuditRecord {
        let actions: [AuditAction] = [.accessDecision, .grantUse, .keyUnwrap, .holdPlaced, .recordingDeleted]
        let outcomes = AuditOutcome.allCases
        let purposes: [Purpose?] = [.quality, nil, .disputeResolution, .training]
        let reasons: [[String]] = [
            ["rule supervisors-listen"], [], ["quote \" and backslash \\", "line\nbreak\ttab"], ["ü, 中文, emoji 🎧"],
            ["control \u{01}\u{1F}"],
        ]
        let agents: [PrincipalID] = ["agent-0", "agent-1", "agent-2", "agent-3", "agent-4"]
        return AuditRecord(
            actor: index % 3 == 0 ? "sup.maria" : agents[index % 5],
            action: actions[index % actions.count],
            target: AuditRecord.target(recording),
            purpose: purposes[index % purposes.count],
            outcome: outcomes[index % outcomes.count],
            reasons: reasons[index % reasons.count],
            eventID: index % 4 == 3 ? "event-\(index)" : nil)
    }

    /// A log in memory of `count` records, with a checkpoint every `every` entries (and one at the
    /// end when `endWithCheckpoint`), the clock moving 7 ms between records.
    static func memoryLog(
        count: Int, every: Int, key: SigningKey? = nil, endWithCheckpoint: Bool = true
    ) async throws -> (sink: InMemoryAuditSink, log: AuditLog, bytes: [UInt8]) {
        let sink = InMemoryAuditSink()
        let clock = ManualWallClock(start)
        let log = try await AuditLog(
            sink: sink, signingKey: try key ?? AuditFixture.key(), clock: clock,
            configuration: .init(checkpointEvery: every, checkpointInterval: .seconds(3600)))
        for index in 0..<count {
            try await log.record(record(index))
            clock.advance(by: .milliseconds(7))
        }
        if endWithCheckpoint { try await log.checkpoint() }
        return (sink, log, sink.fileContents())
    }
}

/// A log file's lines, for editing by line number (1 is the header) and writing back.
struct LogLines {
    var lines: [[UInt8]]
    /// Bytes after the last newline (a torn tail), if any.
    var tail: [UInt8] = []

    init(_ bytes: [UInt8]) {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        tail = lines.removeLast()
        self.lines = lines
    }

    var bytes: [UInt8] {
        lines.flatMap { $0 + [UInt8(ascii: "\n")] } + tail
    }

    subscript(line: Int) -> [UInt8] {
        get { lines[line - 1] }
        set { lines[line - 1] = newValue }
    }

    func text(_ line: Int) -> String { String(decoding: lines[line - 1], as: UTF8.self) }

    /// What a line holds, by its opening characters.
    enum Kind: Equatable {
        case header
        case entry(UInt64)
        case checkpoint(UInt64)
    }

    func kind(_ line: Int) -> Kind? {
        let text = text(line)
        func number(after prefix: String) -> UInt64? {
            UInt64(text.dropFirst(prefix.count).prefix { $0.isNumber })
        }
        if text.hasPrefix(#"{"format":"#) { return .header }
        if text.hasPrefix(#"{"seq":"#) { return number(after: #"{"seq":"#).map(Kind.entry) }
        if text.hasPrefix(#"{"checkpoint":"#) { return number(after: #"{"checkpoint":"#).map(Kind.checkpoint) }
        return nil
    }

    /// Line numbers of entries and checkpoints.
    var entryLines: [Int] {
        (1...lines.count).filter { if case .entry = kind($0) { true } else { false } }
    }

    var checkpointLines: [Int] {
        (1...lines.count).filter { if case .checkpoint = kind($0) { true } else { false } }
    }

    func line(ofEntry sequence: UInt64) -> Int? {
        (1...lines.count).first { kind($0) == .entry(sequence) }
    }

    /// The line a byte offset of `bytes` falls on (the newline ending a line belongs to it).
    static func line(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}

/// A witness that keeps what it is told, and can be told to fail.
final class CollectingWitness: AuditCheckpointWitness {
    struct Failure: Error {}

    private let state = LockedState<(checkpoints: [AuditCheckpoint], logIDs: [UUID], failing: Bool)>(([], [], false))

    var checkpoints: [AuditCheckpoint] { state.withLock { $0.checkpoints } }
    var logIDs: [UUID] { state.withLock { $0.logIDs } }

    func fail(_ failing: Bool) { state.withLock { $0.failing = failing } }

    func witness(_ checkpoint: AuditCheckpoint, logID: UUID) async throws {
        try state.withLock { state in
            if state.failing { throw Failure() }
            state.checkpoints.append(checkpoint)
            state.logIDs.append(logID)
        }
    }
}

/// A temporary directory removed when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "callvault-audit-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: url.appendingPathComponent(name))) }

    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: url.appendingPathComponent(name))
    }

    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
}

/// Expects the verification to report `kind` on `line` for entry `sequence`.
func expectProblem(
    _ verification: AuditVerification, _ kind: AuditProblem.Kind, line: Int, sequence: UInt64?,
    _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let problem = verification.problem else {
        Issue.record(
            "expected \(kind) on line \(line), but the log verified: \(comment)", sourceLocation: sourceLocation)
        return
    }
    #expect(problem.kind == kind, "\(comment): \(problem)", sourceLocation: sourceLocation)
    #expect(problem.line == line, "\(comment): \(problem)", sourceLocation: sourceLocation)
    #expect(problem.sequence == sequence, "\(comment): \(problem)", sourceLocation: sourceLocation)
}
