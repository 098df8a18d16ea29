import CallVaultCore
public import CallVaultCrypto
package import CallVaultSupport
public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An append-only audit log file (see the format in the "Audit" article).
///
/// Appends go to the end of the file with `O_APPEND`; when they reach the disk is the
/// ``SyncPolicy``, stated explicitly because it trades throughput against what a power cut can
/// lose. A crash in the middle of an append leaves a torn last line: opening the file detects it
/// and, with ``TornTailRecovery/moveAside``, moves the torn bytes to a side file and continues
/// after the last whole entry; the entries before it stay valid.
public final class AuditFileSink: AuditSink {
    /// When appended lines are forced to the disk.
    public enum SyncPolicy: Sendable {
        /// `fsync` after every append: nothing acknowledged is lost, at the cost of throughput.
        case everyAppend
        /// `fsync` after each append that carries a checkpoint: a power cut loses at most the
        /// entries since the last checkpoint, and those are detectably missing.
        case everyCheckpoint
        /// Leave it to the operating system (tests, or storage with its own guarantees).
        case never
    }

    /// What opening does about a torn last line.
    public enum TornTailRecovery: Sendable {
        /// Refuse to open, with ``AuditError/tornTail(path:line:byteCount:)``.
        case refuse
        /// Move the torn bytes to `<path>.torn-<time>` and continue after the last whole line.
        case moveAside
    }

    private struct State {
        var file: SystemFile?
        var opened = false
    }

    /// The file's path.
    public let path: String
    private let syncPolicy: SyncPolicy
    private let recovery: TornTailRecovery
    private let startsNewLog: Bool
    private let calls: SystemCalls
    private let state = LockedState(State())

    /// A sink over the file at `path`.
    ///
    /// - Parameters:
    ///   - path: the log file.
    ///   - syncPolicy: when appended lines are forced to the disk.
    ///   - tornTailRecovery: what opening does about a torn last line.
    ///   - startsNewLog: whether opening starts a new log when the file is missing, empty or holds
    ///     only part of a header (a crash while the log was being created). `false` for a log
    ///     whose absence is itself evidence, as a vault folder's is: opening then refuses with
    ///     ``AuditError/io(path:reason:)`` and creates nothing.
    public init(
        path: String, syncPolicy: SyncPolicy = .everyCheckpoint, tornTailRecovery: TornTailRecovery = .refuse,
        startsNewLog: Bool = true
    ) {
        self.path = path
        self.syncPolicy = syncPolicy
        self.recovery = tornTailRecovery
        self.startsNewLog = startsNewLog
        self.calls = .system
    }

    /// A sink whose file writes and flushes go through `calls` (tests make them fail or fall short).
    package init(
        path: String, syncPolicy: SyncPolicy, tornTailRecovery: TornTailRecovery, startsNewLog: Bool,
        calls: SystemCalls
    ) {
        self.path = path
        self.syncPolicy = syncPolicy
        self.recovery = tornTailRecovery
        self.startsNewLog = startsNewLog
        self.calls = calls
    }

    /// Why a sink that does not start new logs refused to open.
    public static let noLogReason =
        "it holds no audit log (it is missing, empty, or only part of a header), and this sink never starts a new one in its place"

    /// The file's entries about `target`, oldest first (read from the file, as ``AuditLogReader``
    /// reads it: a torn last line is left out).
    public func entries(about target: String) async throws -> [AuditEntry] {
        try AuditLogReader.entries(at: path).filter { $0.record.target == target }
    }

    /// The file's entries about each of `targets`, from one read of the file.
    public func entries(about targets: [String]) async throws -> [String: [AuditEntry]] {
        try AuditLogReader.entries(at: path, about: targets)
    }

    /// Opens the file, creating it with a header for a new log, or reading where an existing one
    /// stands (and handling a torn last line as configured). A file left empty, or holding only a
    /// torn header, by a crash while the log was being created starts the log afresh.
    ///
    /// - Throws: ``AuditError/tornTail(path:line:byteCount:)`` for a torn last line under
    ///   ``TornTailRecovery/refuse``; ``AuditError/notAnAuditLog(path:reason:)`` for a file that is
    ///   not an audit log; ``AuditError/damaged(path:line:reason:)`` for a log whose entries are
    ///   out of sequence (it is not appended to); ``AuditError/io(path:reason:)``.
    public func open(newLogID logID: UUID, signer: VerifyingKey, at timestamp: Int64) async throws -> AuditLogState {
        let scan = FileManager.default.fileExists(atPath: path) ? try AuditFileScan(path: path) : nil
        guard startsNewLog || scan?.state != nil else {
            throw AuditError.io(path: path, reason: Self.noLogReason)
        }
        if let scan, let torn = scan.tornTail {
            guard recovery == .moveAside else {
                throw AuditError.tornTail(path: path, line: torn.line, byteCount: torn.bytes.count)
            }
            try moveAside(torn.bytes, keeping: scan.goodByteCount)
        }
        let existing = scan?.state
        try state.withLock { state throws(AuditError) in
            if state.file == nil {
                let flags = O_WRONLY | O_APPEND | (startsNewLog ? O_CREAT : 0)
                state.file = try AuditError.reporting { () throws(SystemCallError) in
                    try SystemFile.open(path, flags: flags, calls: calls)
                }
            }
            state.opened = true
        }
        if let existing {
            if scan?.tornTail != nil { try write([], sync: true) }
            return existing
        }
        var header = AuditLineFormat.header(logID: logID, signer: signer.rawRepresentation, created: timestamp)
        header.append(UInt8(ascii: "\n"))
        try write(header, sync: true)
        syncDirectory()
        return AuditLogState(
            logID: logID, signer: signer, created: timestamp, lastTimestamp: timestamp, sequence: 0, head: [],
            lastCheckpoint: nil, eventIDs: [])
    }

    /// Appends entries and the checkpoint as lines, with one `write`, then syncs as configured.
    public func append(_ entries: [AuditEntry], checkpoint: AuditCheckpoint?) async throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 320 + 200)
        for entry in entries {
            AuditLineFormat.entry(entry, into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        if let checkpoint {
            AuditLineFormat.checkpoint(checkpoint, into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        let sync =
            switch syncPolicy {
            case .everyAppend: true
            case .everyCheckpoint: checkpoint != nil
            case .never: false
            }
        try write(bytes, sync: sync)
    }

    private func write(_ bytes: [UInt8], sync: Bool) throws(AuditError) {
        try state.withLock { state throws(AuditError) in
            guard state.opened, let file = state.file else {
                throw AuditError.io(path: path, reason: "the sink was not opened; open it through AuditLog first")
            }
            try AuditError.reporting { () throws(SystemCallError) in
                try file.append(bytes)
                if sync { try file.synchronize() }
            }
        }
    }

    /// Saves the torn bytes in a new side file (owner only, flushed to disk before the log is cut,
    /// so a power cut between the two cannot lose them), then cuts them from the log.
    private func moveAside(_ torn: [UInt8], keeping goodByteCount: Int) throws(AuditError) {
        let base = "\(path).torn-\(Int(Date().timeIntervalSince1970))"
        var attempt = 1
        var side = base
        while true {
            let file: SystemFile
            do throws(SystemCallError) {
                file = try SystemFile.create(side, calls: calls)
            } catch let error where error.errorNumber == EEXIST {
                // Never overwrite the bytes an earlier recovery set aside.
                attempt += 1
                side = "\(base)-\(attempt)"
                continue
            } catch {
                throw AuditError.io(path: side, reason: "could not save the torn bytes aside: \(error.reason)")
            }
            do throws(SystemCallError) {
                try file.append(torn)
                try file.synchronize()
            } catch {
                throw AuditError.io(path: side, reason: "could not save the torn bytes aside: \(error.reason)")
            }
            break
        }
        do throws(SystemCallError) {
            try SystemFile.open(path, flags: O_WRONLY, calls: calls).truncate(to: UInt64(goodByteCount))
        } catch {
            throw AuditError(
                .io(path: path, reason: "could not cut the torn line: \(error.reason)"),
                underlying: error.underlyingCause)
        }
    }

    private func syncDirectory() {
        // Best effort, as before: the header is already flushed; the folder's entry follows.
        try? FileSystem.synchronizeDirectory(FileSystem.directory(of: path))
    }
}

/// One pass over an existing log file: where it stands, and whether its last line is torn. It
/// checks the file's structure (one header, entries numbered without gaps, checkpoints after the
/// entry they sign) and the hash chain, so the log never continues from an entry that does not
/// chain (a forged line appended to it); signatures are ``AuditVerifier``'s to check.
struct AuditFileScan {
    /// Where the log stands; `nil` when the file holds no whole header (it is empty, or its only
    /// line is a torn header), as a crash while the log was being created leaves it.
    let state: AuditLogState?
    let goodByteCount: Int
    let tornTail: (line: Int, bytes: [UInt8])?

    init(path: String) throws(AuditError) {
        let bytes = try AuditFileBytes.read(path)
        var lineNumber = 0
        var start = 0
        var header: (logID: UUID, signer: VerifyingKey, created: Int64)?
        var sequence: UInt64 = 0
        var head: [UInt8] = []
        var chainHead: [UInt8] = []
        var lastCheckpoint: AuditCheckpoint?
        var lastTimestamp = Int64.min
        var eventIDs = Set<String>()
        var torn: (Int, [UInt8])?
        var good = 0
        while start < bytes.count {
            lineNumber += 1
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                torn = (lineNumber, Array(bytes[start...]))
                break
            }
            let line = bytes[start..<newline]
            let parsed: AuditLineFormat.Line
            do {
                parsed = try AuditLineFormat.parse(line)
            } catch {
                if newline == bytes.count - 1, AuditLineFormat.holdsUnwrittenBytes(line) {
                    // Zeros where a crash left blocks unwritten (some file systems keep a later
                    // block's newline) are a torn line too. A whole line that does not read and
                    // holds no zero was written so: tampering, not a crash.
                    torn = (lineNumber, Array(bytes[start...]))
                    break
                }
                guard lineNumber > 1 else {
                    throw .notAnAuditLog(path: path, reason: "line \(lineNumber): \(error.reason)")
                }
                throw .damaged(path: path, line: lineNumber, reason: "it cannot be read (\(error.reason))")
            }
            switch parsed {
            case .header(let logID, let signer, let created):
                guard lineNumber == 1 else {
                    throw .notAnAuditLog(path: path, reason: "line \(lineNumber) repeats the header")
                }
                guard let key = try? VerifyingKey(rawRepresentation: signer) else {
                    throw .notAnAuditLog(path: path, reason: "line 1 names a signer that is not an Ed25519 key")
                }
                header = (logID, key, created)
                chainHead = AuditChain.genesis(logID: logID, signer: signer, created: created)
                lastTimestamp = created
            case .entry(let entry):
                guard header != nil else {
                    throw .notAnAuditLog(path: path, reason: "line 1 is not the header")
                }
                guard entry.sequence == sequence + 1 else {
                    throw .damaged(
                        path: path, line: lineNumber,
                        reason: "it holds entry \(entry.sequence) where entry \(sequence + 1) belongs")
                }
                let expected = AuditChain.hash(
                    previous: chainHead, sequence: entry.sequence, time: entry.timestamp, record: entry.record)
                guard expected == entry.hash else {
                    throw .damaged(
                        path: path, line: lineNumber,
                        reason: "entry \(entry.sequence) does not match its hash: it was altered or forged")
                }
                chainHead = expected
                sequence = entry.sequence
                head = entry.hash
                lastTimestamp = max(lastTimestamp, entry.timestamp)
                if let event = entry.record.eventID { eventIDs.insert(event) }
            case .checkpoint(let checkpoint):
                guard header != nil else {
                    throw .notAnAuditLog(path: path, reason: "line 1 is not the header")
                }
                guard checkpoint.sequence == sequence, checkpoint.head == head else {
                    throw .damaged(
                        path: path, line: lineNumber,
                        reason: checkpoint.sequence == sequence
                            ? "its checkpoint signs entry \(sequence) with another hash than the entries before it have: an entry or the checkpoint was changed"
                            : "its checkpoint signs entry \(checkpoint.sequence), not the entry \(sequence) before it"
                    )
                }
                lastCheckpoint = checkpoint
                lastTimestamp = max(lastTimestamp, checkpoint.timestamp)
            }
            start = newline + 1
            good = start
        }
        if let (line, fragment) = torn, line == 1, !AuditLineFormat.couldBeHeader(fragment[...]) {
            throw .notAnAuditLog(path: path, reason: "line 1 is not the header of a CallVault audit log")
        }
        self.goodByteCount = good
        self.tornTail = torn
        guard let header else {
            // Only an empty file or a torn first line get here: every other line before a header throws.
            self.state = nil
            return
        }
        self.state = AuditLogState(
            logID: header.logID, signer: header.signer, created: header.created, lastTimestamp: lastTimestamp,
            sequence: sequence, head: head, lastCheckpoint: lastCheckpoint, eventIDs: eventIDs)
    }
}
