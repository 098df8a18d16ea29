public import CallVaultCore
public import CallVaultCrypto

/// What creating, opening or rotating a vault folder reports when the folder itself is the
/// problem.
///
/// A wrong passphrase is CallVaultCrypto's `CryptoError.wrongPassphrase`; damaged key files,
/// access policies and audit logs are reported with their own modules' errors, which name the
/// file's line or field.
public struct VaultFolderError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``VaultFolderError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = VaultFolderError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The folder does not exist, or holds no `vault.json`: it is not a vault folder.
        public static let notAVaultFolder = Code("vaultfolder.not-a-vault-folder")
        /// CallVaultSQLite's `VaultFolder.create(at:passphrase:configuration:...)` was given a
        /// folder that already holds files.
        public static let folderNotEmpty = Code("vaultfolder.folder-not-empty")
        /// A file the layout requires is missing from the folder.
        public static let missingFile = Code("vaultfolder.missing-file")
        /// `vault.json` cannot be read as a vault configuration; `field` names the field at fault
        /// (`(document)` for the file as a whole).
        public static let malformedConfiguration = Code("vaultfolder.malformed-configuration")
        /// `vault.json` was written by a newer CallVault, in a format this version does not read.
        public static let unsupportedConfigurationFormat = Code("vaultfolder.unsupported-configuration-format")
        /// The folder's access policy cannot be read; `reason` names the line and field.
        public static let invalidAccessPolicy = Code("vaultfolder.invalid-access-policy")
        /// A consent catalog override file `vault.json` names cannot be read as a consent catalog;
        /// `reason` names its line and column.
        public static let invalidConsentOverride = Code("vaultfolder.invalid-consent-override")
        /// Another process (or another open in this one) has the vault open for writing.
        public static let inUse = Code("vaultfolder.in-use")
        /// The vault was closed; nothing more can be written through it.
        public static let closed = Code("vaultfolder.closed")
        /// A recipient rotation that changes nothing: no recipient to add or remove.
        public static let nothingToRotate = Code("vaultfolder.nothing-to-rotate")
        /// A recipient rotation that would remove the vault's own identity, through which the vault
        /// opens its recordings.
        public static let cannotRemoveVaultIdentity = Code("vaultfolder.cannot-remove-vault-identity")
        /// A recipient rotation that adds and removes the same recipient.
        public static let conflictingRotation = Code("vaultfolder.conflicting-rotation")
        /// The vault is a simulation (`vault.json` says `"simulation": true`) and the caller did
        /// not open it as one: a live host never works on simulated records.
        public static let simulatedVault = Code("vaultfolder.simulated-vault")
        /// The vault is live and the caller opened it as a simulation: simulated times never reach
        /// a live vault's records.
        public static let notASimulation = Code("vaultfolder.not-a-simulation")
        /// An edit of `vault.json` would make a live vault a simulation or a simulation live; that
        /// is fixed when the vault is made.
        public static let simulationChanged = Code("vaultfolder.simulation-changed")
        /// A live vault was opened with a clock more than an hour ahead of or behind the system's:
        /// its recordings would be scheduled, and its sweeps delete, before their time.
        public static let clockNotRealTime = Code("vaultfolder.clock-not-real-time")
        /// A vault was opened with an audit clock more than an hour ahead of or behind the
        /// system's: the audit log is evidence other processes check against their own clocks.
        public static let auditClockNotRealTime = Code("vaultfolder.audit-clock-not-real-time")

        /// Every code of this type.
        public static let all: [Code] = [
            notAVaultFolder, folderNotEmpty, missingFile, malformedConfiguration, unsupportedConfigurationFormat,
            invalidAccessPolicy, invalidConsentOverride, inUse, closed, nothingToRotate, cannotRemoveVaultIdentity,
            conflictingRotation, simulatedVault, notASimulation, simulationChanged, clockNotRealTime,
            auditClockNotRealTime,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The folder does not exist, or holds no `vault.json`: it is not a vault folder.
        case notAVaultFolder(path: String, reason: String)
        /// CallVaultSQLite's `VaultFolder.create(at:passphrase:configuration:...)` was given a
        /// folder that already holds files.
        case folderNotEmpty(path: String)
        /// A file the layout requires is missing from the folder.
        case missingFile(path: String, role: String)
        /// `vault.json` cannot be read as a vault configuration; `field` names the field at fault
        /// (`(document)` for the file as a whole).
        case malformedConfiguration(path: String, field: String, reason: String)
        /// `vault.json` was written by a newer CallVault, in a format this version does not read.
        case unsupportedConfigurationFormat(path: String, format: Int)
        /// The folder's access policy cannot be read; `reason` names the line and field.
        case invalidAccessPolicy(path: String, reason: String)
        /// A consent catalog override file `vault.json` names cannot be read as a consent catalog;
        /// `reason` names its line and column.
        case invalidConsentOverride(path: String, reason: String)
        /// Another process (or another open in this one) has the vault open for writing.
        case inUse(path: String)
        /// The vault was closed; nothing more can be written through it.
        case closed(path: String)
        /// A recipient rotation that changes nothing: no recipient to add or remove.
        case nothingToRotate
        /// A recipient rotation that would remove the vault's own identity, through which the vault
        /// opens its recordings.
        case cannotRemoveVaultIdentity(RecipientFingerprint)
        /// A recipient rotation that adds and removes the same recipient.
        case conflictingRotation(RecipientFingerprint)
        /// The vault is a simulation and the caller did not open it as one.
        case simulatedVault(path: String)
        /// The vault is live and the caller opened it as a simulation.
        case notASimulation(path: String)
        /// An edit of `vault.json` would change whether the vault is a simulation; `simulation` is
        /// what the edit says.
        case simulationChanged(path: String, simulation: Bool)
        /// A live vault opened with a clock `offsetSeconds` from the system's (positive: ahead).
        case clockNotRealTime(path: String, offsetSeconds: Int64)
        /// A vault opened with an audit clock `offsetSeconds` from the system's (positive: ahead).
        case auditClockNotRealTime(path: String, offsetSeconds: Int64)
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
        case .notAVaultFolder: .notAVaultFolder
        case .folderNotEmpty: .folderNotEmpty
        case .missingFile: .missingFile
        case .malformedConfiguration: .malformedConfiguration
        case .unsupportedConfigurationFormat: .unsupportedConfigurationFormat
        case .invalidAccessPolicy: .invalidAccessPolicy
        case .invalidConsentOverride: .invalidConsentOverride
        case .inUse: .inUse
        case .closed: .closed
        case .nothingToRotate: .nothingToRotate
        case .cannotRemoveVaultIdentity: .cannotRemoveVaultIdentity
        case .conflictingRotation: .conflictingRotation
        case .simulatedVault: .simulatedVault
        case .notASimulation: .notASimulation
        case .simulationChanged: .simulationChanged
        case .clockNotRealTime: .clockNotRealTime
        case .auditClockNotRealTime: .auditClockNotRealTime
        }
    }

    /// What went wrong and what to do.
    public var message: String {
        switch reason {
        case .notAVaultFolder(let path, let reason):
            "\(path) is not a CallVault vault folder: \(reason). Give the folder `callvault vault init` made, or make one there."
        case .folderNotEmpty(let path):
            "\(path) already holds files; a vault is created only in a new or empty folder, so nothing there is overwritten. Choose another folder."
        case .missingFile(let path, let role):
            "The vault's \(role) \(path) is missing; restore it from the vault's backup (without it the vault cannot be opened)."
        case .malformedConfiguration(let path, let field, let reason):
            // A reason may be another error's sentence, already ended.
            "\(path): field '\(field)': \(reason)\(reason.hasSuffix(".") ? "" : ".")"
        case .unsupportedConfigurationFormat(let path, let format):
            "\(path) is in vault format \(format), which this version of CallVault does not read; upgrade CallVault."
        case .invalidAccessPolicy(let path, let reason):
            "\(path): \(reason)"
        case .invalidConsentOverride(let path, let reason):
            "\(path): \(reason) Correct the file (it overrides the bundled consent catalog), or remove it from vault.json's consentCatalogOverrides."
        case .inUse(let path):
            "The vault \(path) is open in another process (a recorder, or another callvault command); wait for it to finish, or stop it, and retry."
        case .closed(let path):
            "The vault \(path) was closed; open it again to write to it."
        case .nothingToRotate:
            "Nothing to rotate: give at least one recipient to add or one to remove."
        case .cannotRemoveVaultIdentity(let fingerprint):
            "Recipient \(fingerprint) is the vault's own identity, through which it plays and exports recordings; it cannot be removed."
        case .conflictingRotation(let fingerprint):
            "Recipient \(fingerprint) is both added and removed; give it once."
        case .simulatedVault(let path):
            "The vault \(path) is a simulation (its vault.json says \"simulation\": true): its recordings, schedules and certificates carry simulated times, so a live host does not open it. Open it as a simulation (VaultFolder.open(..., simulation: true); with the callvault tool, --simulation), or use a live vault."
        case .notASimulation(let path):
            "The vault \(path) is live, not a simulation, and was opened as one; a simulation's times must never reach a live vault's records. Open it without simulation, or make a simulated vault (VaultConfiguration.simulation; callvault vault init --simulation)."
        case .simulationChanged(let path, let simulation):
            "\(path): field 'simulation': the edit would make \(simulation ? "a live vault a simulation" : "a simulated vault live"); whether a vault is a simulation is fixed when it is made. Undo the edit (callvault vault accept-changes --restore), and make a new vault for \(simulation ? "the simulation" : "live recordings")."
        case .clockNotRealTime(let path, let offset) where offset >= 0:
            "The vault \(path) is live, and the clock it was opened with is \(offset) seconds ahead of the system's (more than an hour): a sweep on it would delete recordings before their time, under deletion certificates dated in the future. Open a live vault with the system clock (or one at most an hour off, such as a small OffsetWallClock correction), or run the scenario on a simulated vault."
        case .clockNotRealTime(let path, let offset):
            "The vault \(path) is live, and the clock it was opened with is \(-offset) seconds behind the system's (more than an hour): its recordings would be dated in the past, so their retention would end, and a sweep delete them, before their time. Open a live vault with the system clock (or one at most an hour off, such as a small OffsetWallClock correction); to import recordings made earlier, use the vault's import, which keeps their own times; to rehearse with old times, use a simulated vault."
        case .auditClockNotRealTime(let path, let offset):
            "The vault \(path) was opened with an audit clock \(abs(offset)) seconds \(offset >= 0 ? "ahead of" : "behind") the system's (more than an hour): the audit log is evidence other processes check against their own clocks, and one entry dated ahead would make every later open refuse the log. Open it with the system clock as the audit clock (the default), even for a simulation."
        }
    }

    /// The folder does not exist, or holds no `vault.json`: it is not a vault folder.
    public static func notAVaultFolder(path: String, reason: String) -> VaultFolderError {
        VaultFolderError(.notAVaultFolder(path: path, reason: reason))
    }
    /// The code for ``notAVaultFolder(path:reason:)``, for `catch VaultFolderError.notAVaultFolder`.
    public static let notAVaultFolder = Code.notAVaultFolder

    /// CallVaultSQLite's `VaultFolder.create(at:passphrase:configuration:...)` was given a
    /// folder that already holds files.
    public static func folderNotEmpty(path: String) -> VaultFolderError {
        VaultFolderError(.folderNotEmpty(path: path))
    }
    /// The code for ``folderNotEmpty(path:)``, for `catch VaultFolderError.folderNotEmpty`.
    public static let folderNotEmpty = Code.folderNotEmpty

    /// A file the layout requires is missing from the folder.
    public static func missingFile(path: String, role: String) -> VaultFolderError {
        VaultFolderError(.missingFile(path: path, role: role))
    }
    /// The code for ``missingFile(path:role:)``, for `catch VaultFolderError.missingFile`.
    public static let missingFile = Code.missingFile

    /// `vault.json` cannot be read as a vault configuration; `field` names the field at fault
    /// (`(document)` for the file as a whole).
    public static func malformedConfiguration(path: String, field: String, reason: String) -> VaultFolderError {
        VaultFolderError(.malformedConfiguration(path: path, field: field, reason: reason))
    }
    /// The code for ``malformedConfiguration(path:field:reason:)``, for `catch VaultFolderError.malformedConfiguration`.
    public static let malformedConfiguration = Code.malformedConfiguration

    /// `vault.json` was written by a newer CallVault, in a format this version does not read.
    public static func unsupportedConfigurationFormat(path: String, format: Int) -> VaultFolderError {
        VaultFolderError(.unsupportedConfigurationFormat(path: path, format: format))
    }
    /// The code for ``unsupportedConfigurationFormat(path:format:)``, for `catch VaultFolderError.unsupportedConfigurationFormat`.
    public static let unsupportedConfigurationFormat = Code.unsupportedConfigurationFormat

    /// The folder's access policy cannot be read; `reason` names the line and field.
    public static func invalidAccessPolicy(path: String, reason: String) -> VaultFolderError {
        VaultFolderError(.invalidAccessPolicy(path: path, reason: reason))
    }
    /// The code for ``invalidAccessPolicy(path:reason:)``, for `catch VaultFolderError.invalidAccessPolicy`.
    public static let invalidAccessPolicy = Code.invalidAccessPolicy

    /// A consent catalog override file `vault.json` names cannot be read as a consent catalog;
    /// `reason` names its line and column.
    public static func invalidConsentOverride(path: String, reason: String) -> VaultFolderError {
        VaultFolderError(.invalidConsentOverride(path: path, reason: reason))
    }
    /// The code for ``invalidConsentOverride(path:reason:)``, for `catch VaultFolderError.invalidConsentOverride`.
    public static let invalidConsentOverride = Code.invalidConsentOverride

    /// Another process (or another open in this one) has the vault open for writing.
    public static func inUse(path: String) -> VaultFolderError { VaultFolderError(.inUse(path: path)) }
    /// The code for ``inUse(path:)``, for `catch VaultFolderError.inUse`.
    public static let inUse = Code.inUse

    /// The vault was closed; nothing more can be written through it.
    public static func closed(path: String) -> VaultFolderError { VaultFolderError(.closed(path: path)) }
    /// The code for ``closed(path:)``, for `catch VaultFolderError.closed`.
    public static let closed = Code.closed

    /// A recipient rotation that changes nothing: no recipient to add or remove.
    public static var nothingToRotate: VaultFolderError { VaultFolderError(.nothingToRotate) }

    /// A recipient rotation that would remove the vault's own identity, through which the vault
    /// opens its recordings.
    public static func cannotRemoveVaultIdentity(_ recipientFingerprint: RecipientFingerprint) -> VaultFolderError {
        VaultFolderError(.cannotRemoveVaultIdentity(recipientFingerprint))
    }
    /// The code for ``cannotRemoveVaultIdentity(_:)``, for `catch VaultFolderError.cannotRemoveVaultIdentity`.
    public static let cannotRemoveVaultIdentity = Code.cannotRemoveVaultIdentity

    /// A recipient rotation that adds and removes the same recipient.
    public static func conflictingRotation(_ recipientFingerprint: RecipientFingerprint) -> VaultFolderError {
        VaultFolderError(.conflictingRotation(recipientFingerprint))
    }
    /// The code for ``conflictingRotation(_:)``, for `catch VaultFolderError.conflictingRotation`.
    public static let conflictingRotation = Code.conflictingRotation

    /// The vault is a simulation (`vault.json` says `"simulation": true`) and the caller did not
    /// open it as one.
    public static func simulatedVault(path: String) -> VaultFolderError {
        VaultFolderError(.simulatedVault(path: path))
    }
    /// The code for ``simulatedVault(path:)``, for `catch VaultFolderError.simulatedVault`.
    public static let simulatedVault = Code.simulatedVault

    /// The vault is live and the caller opened it as a simulation.
    public static func notASimulation(path: String) -> VaultFolderError {
        VaultFolderError(.notASimulation(path: path))
    }
    /// The code for ``notASimulation(path:)``, for `catch VaultFolderError.notASimulation`.
    public static let notASimulation = Code.notASimulation

    /// An edit of `vault.json` would change whether the vault is a simulation (`simulation` is
    /// what the edit says); that is fixed when the vault is made.
    public static func simulationChanged(path: String, simulation: Bool) -> VaultFolderError {
        VaultFolderError(.simulationChanged(path: path, simulation: simulation))
    }
    /// The code for ``simulationChanged(path:simulation:)``, for `catch VaultFolderError.simulationChanged`.
    public static let simulationChanged = Code.simulationChanged

    /// A live vault opened with a clock `offsetSeconds` from the system's (positive: ahead), more
    /// than an hour.
    public static func clockNotRealTime(path: String, offsetSeconds: Int64) -> VaultFolderError {
        VaultFolderError(.clockNotRealTime(path: path, offsetSeconds: offsetSeconds))
    }
    /// The code for ``clockNotRealTime(path:offsetSeconds:)``, for `catch VaultFolderError.clockNotRealTime`.
    public static let clockNotRealTime = Code.clockNotRealTime

    /// A vault opened with an audit clock `offsetSeconds` from the system's (positive: ahead),
    /// more than an hour.
    public static func auditClockNotRealTime(path: String, offsetSeconds: Int64) -> VaultFolderError {
        VaultFolderError(.auditClockNotRealTime(path: path, offsetSeconds: offsetSeconds))
    }
    /// The code for ``auditClockNotRealTime(path:offsetSeconds:)``, for
    /// `catch VaultFolderError.auditClockNotRealTime`.
    public static let auditClockNotRealTime = Code.auditClockNotRealTime
}
