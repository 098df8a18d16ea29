public import CallVaultCore
public import Foundation

/// Errors writing to or reading from an audit log.
public struct AuditError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``AuditError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = AuditError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A field of a record is not acceptable.
        public static let invalidField = Code("audit.invalid-field")
        /// The log file could not be read or written.
        public static let io = Code("audit.io")
        /// The file is not an audit log, or not one this version reads.
        public static let notAnAuditLog = Code("audit.not-an-audit-log")
        /// The file's last line was cut off by a crash; the entries before it are intact.
        public static let tornTail = Code("audit.torn-tail")
        /// The log's lines are out of sequence (an entry where another belongs, a checkpoint that does
        /// not follow the entry it signs), so it is not appended to.
        public static let damaged = Code("audit.damaged")
        /// The log was opened with a key other than the one that signs it.
        public static let wrongSigner = Code("audit.wrong-signer")
        /// The log holds a time (of an entry, a checkpoint or its creation) at `time`, more than
        /// ``AuditVerifier/futureTolerance`` after the writer's clock, which reads `clock`: written by
        /// a host whose clock was wrong, or by a program that simulated time into a real log. Nothing
        /// is appended, since every later entry would be stamped with that future time.
        public static let timeInTheFuture = Code("audit.time-in-the-future")
        /// A host recorded, on a vault's log, an entry in CallVault's own name: an action in one of
        /// CallVault's namespaces (``AuditRecord/callVaultNamespaces``) or an event id that starts
        /// with one. The vault reads such entries as facts (a hold placed, a recording deleted), so
        /// only its own operations write them.
        public static let reservedForCallVault = Code("audit.reserved-for-callvault")

        /// Every code of this type.
        public static let all: [Code] = [
            invalidField, io, notAnAuditLog, tornTail, damaged, wrongSigner, timeInTheFuture, reservedForCallVault,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// A field of a record is not acceptable.
        case invalidField(name: String, value: String, reason: String)
        /// The log file could not be read or written.
        case io(path: String, reason: String)
        /// The file is not an audit log, or not one this version reads.
        case notAnAuditLog(path: String, reason: String)
        /// The file's last line was cut off by a crash; the entries before it are intact.
        case tornTail(path: String, line: Int, byteCount: Int)
        /// The log's lines are out of sequence (an entry where another belongs, a checkpoint that does
        /// not follow the entry it signs), so it is not appended to.
        case damaged(path: String, line: Int, reason: String)
        /// The log was opened with a key other than the one that signs it.
        case wrongSigner(expected: String, found: String)
        /// The log holds a time (of an entry, a checkpoint or its creation) at `time`, more than
        /// ``AuditVerifier/futureTolerance`` after the writer's clock, which reads `clock`: written by
        /// a host whose clock was wrong, or by a program that simulated time into a real log. Nothing
        /// is appended, since every later entry would be stamped with that future time.
        case timeInTheFuture(time: Date, clock: Date)
        /// A host's record uses CallVault's action or event-id namespace `namespace`.
        case reservedForCallVault(action: String, eventID: String?, namespace: String)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .invalidField: .invalidField
        case .io: .io
        case .notAnAuditLog: .notAnAuditLog
        case .tornTail: .tornTail
        case .damaged: .damaged
        case .wrongSigner: .wrongSigner
        case .timeInTheFuture: .timeInTheFuture
        case .reservedForCallVault: .reservedForCallVault
        }
    }

    /// A sentence naming the problem and what to do.
    public var message: String {
        switch reason {
        case .invalidField(let name, let value, let reason):
            "The audit record's \(name) '\(value)' is not acceptable: \(reason)."
        case .io(let path, let reason):
            "The audit log \(path) could not be used: \(reason). Check the path, its permissions and free space."
        case .notAnAuditLog(let path, let reason):
            "\(path) is not a CallVault audit log: \(reason)."
        case .tornTail(let path, let line, let byteCount):
            "The audit log \(path) ends in a torn line \(line) (\(byteCount) bytes) left by a crash during an append; the entries before it are intact. Open it with AuditFileSink(path:tornTailRecovery: .moveAside) to move the torn bytes to a side file and continue (a library call; no callvault command does it: see Operations, \"Incident response: the audit log is reported missing\", step 5)."
        case .damaged(let path, let line, let reason):
            "The audit log \(path) is damaged at line \(line): \(reason). It was not appended to: check it with `callvault audit verify \(path)`, keep it as evidence, and start a new log file."
        case .wrongSigner(let expected, let found):
            "The audit log is signed by key \(found), not by the key given (\(expected)); open it with the key that signs it."
        case .timeInTheFuture(let time, let clock):
            "The audit log holds a time in the future: \(CivilTime.iso8601(time)), more than an hour after this process's clock (\(CivilTime.iso8601(clock))). A host whose clock was wrong, or a program simulating time, wrote to it; nothing was appended, because every later entry would carry that time. If this host's clock is wrong, correct it; if it is right, keep the log as evidence (`callvault audit verify` names the entry), find the writer whose clock was wrong, and restore the log from a backup taken before that entry."
        case .reservedForCallVault(let action, let eventID, let namespace):
            "The record (action '\(action)'\(eventID.map { ", event id '\($0)'" } ?? "")) is in CallVault's own namespace '\(namespace)', which only the vault's operations write to its log: the vault reads those entries as facts, such as a hold placed or a recording deleted. Nothing was appended. Log your own events under a namespace of your own, such as 'crm.sync' (and event ids that do not start with one of CallVault's namespaces); to place a hold, delete, export or record consent, use the vault's operation for it."
        }
    }

    /// A field of a record is not acceptable.
    public static func invalidField(name: String, value: String, reason: String) -> AuditError {
        AuditError(.invalidField(name: name, value: value, reason: reason))
    }
    /// The code for ``invalidField(name:value:reason:)``, for `catch AuditError.invalidField`.
    public static let invalidField = Code.invalidField

    /// The log file could not be read or written.
    public static func io(path: String, reason: String) -> AuditError { AuditError(.io(path: path, reason: reason)) }
    /// The code for ``io(path:reason:)``, for `catch AuditError.io`.
    public static let io = Code.io

    /// The file is not an audit log, or not one this version reads.
    public static func notAnAuditLog(path: String, reason: String) -> AuditError {
        AuditError(.notAnAuditLog(path: path, reason: reason))
    }
    /// The code for ``notAnAuditLog(path:reason:)``, for `catch AuditError.notAnAuditLog`.
    public static let notAnAuditLog = Code.notAnAuditLog

    /// The file's last line was cut off by a crash; the entries before it are intact.
    public static func tornTail(path: String, line: Int, byteCount: Int) -> AuditError {
        AuditError(.tornTail(path: path, line: line, byteCount: byteCount))
    }
    /// The code for ``tornTail(path:line:byteCount:)``, for `catch AuditError.tornTail`.
    public static let tornTail = Code.tornTail

    /// The log's lines are out of sequence (an entry where another belongs, a checkpoint that does
    /// not follow the entry it signs), so it is not appended to.
    public static func damaged(path: String, line: Int, reason: String) -> AuditError {
        AuditError(.damaged(path: path, line: line, reason: reason))
    }
    /// The code for ``damaged(path:line:reason:)``, for `catch AuditError.damaged`.
    public static let damaged = Code.damaged

    /// The log was opened with a key other than the one that signs it.
    public static func wrongSigner(expected: String, found: String) -> AuditError {
        AuditError(.wrongSigner(expected: expected, found: found))
    }
    /// The code for ``wrongSigner(expected:found:)``, for `catch AuditError.wrongSigner`.
    public static let wrongSigner = Code.wrongSigner

    /// The log holds a time (of an entry, a checkpoint or its creation) at `time`, more than
    /// ``AuditVerifier/futureTolerance`` after the writer's clock, which reads `clock`: written by
    /// a host whose clock was wrong, or by a program that simulated time into a real log. Nothing
    /// is appended, since every later entry would be stamped with that future time.
    public static func timeInTheFuture(time: Date, clock: Date) -> AuditError {
        AuditError(.timeInTheFuture(time: time, clock: clock))
    }
    /// The code for ``timeInTheFuture(time:clock:)``, for `catch AuditError.timeInTheFuture`.
    public static let timeInTheFuture = Code.timeInTheFuture

    /// A host recorded, on a vault's log, an entry in CallVault's own namespace `namespace` (its
    /// action, or the start of its event id).
    public static func reservedForCallVault(action: String, eventID: String?, namespace: String) -> AuditError {
        AuditError(.reservedForCallVault(action: action, eventID: eventID, namespace: namespace))
    }
    /// The code for ``reservedForCallVault(action:eventID:namespace:)``, for
    /// `catch AuditError.reservedForCallVault`.
    public static let reservedForCallVault = Code.reservedForCallVault
}

/// Text checks shared by the audit types.
enum AuditText {
    static func isIdentifier(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }
    }
}
