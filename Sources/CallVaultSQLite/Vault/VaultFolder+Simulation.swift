import CallVaultAudit
import CallVaultCore
import CallVaultFileStore
import Foundation

extension VaultFolder {
    /// Refuses a simulated vault opened for a live host, and a live vault opened as a simulation:
    /// a simulation's clock jumps ahead (a demo's sweep "three years later"), so its records carry
    /// times no live host may take for real, and a simulated clock must never write into a live
    /// vault's records.
    ///
    /// - Parameters:
    ///   - configuration: the vault's configuration, as read (or as signed).
    ///   - simulation: whether the caller opens the vault as a simulation.
    /// - Throws: ``VaultFolderError/simulatedVault(path:)`` or ``VaultFolderError/notASimulation(path:)``.
    func requireSimulation(_ configuration: VaultConfiguration, is simulation: Bool) throws(VaultFolderError) {
        switch (configuration.simulation, simulation) {
        case (true, false): throw .simulatedVault(path: directory.path)
        case (false, true): throw .notASimulation(path: directory.path)
        default: return
        }
    }
}

extension VaultFolder {
    /// Whether the vault is a simulation as its signed `vault.json` says (the file as it is, for a
    /// vault without a valid signed copy), read without the passphrase: an unsigned edit of the
    /// file cannot change how the vault is opened.
    func signedSimulation() throws -> Bool {
        let found = try configuration()
        guard
            let seal = try readSeal().seal, seal.verifies(with: try verifyingKey()),
            let signed = seal.contents[Self.configurationFileName],
            let configuration = try? VaultConfiguration(
                json: String(decoding: signed, as: UTF8.self), source: sealFile.path)
        else { return found.simulation }
        return configuration.simulation
    }
}

extension VaultFolder {
    /// How far ahead of the system's a live vault's clock may be: the audit log's own tolerance
    /// for times ahead (`AuditVerifier.futureTolerance`), so a correction of a skewed host clock
    /// passes and a clock moved to a later day does not.
    static let realTimeTolerance: Duration = AuditVerifier.futureTolerance

    /// Refuses a clock more than ``realTimeTolerance`` ahead of the system's for a live vault: a
    /// sweep on it would delete recordings before their time under certificates dated in the
    /// future. (A clock behind only delays what a sweep deletes; hosts and tests backdate a
    /// recording's clock to make aged recordings, so it is not refused here.)
    ///
    /// - Parameter clock: the clock the vault would run on.
    /// - Throws: `VaultFolderError.clockNotRealTime`.
    func requireRealTime(_ clock: any WallClock) throws(VaultFolderError) {
        let offset = clock.now.timeIntervalSince(SystemWallClock().now)
        let tolerance = Double(Self.realTimeTolerance.components.seconds)
        guard offset <= tolerance else {
            throw .clockNotRealTime(path: directory.path, offsetSeconds: Int64(offset.rounded()))
        }
    }
}
