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
        // The signed copy first: a vault.json damaged so it no longer reads must still be
        // restorable from it (`accept-changes --restore`).
        try requireVaultFolder()
        if let seal = try readSeal().seal, seal.verifies(with: try verifyingKey()),
            let signed = seal.contents[Self.configurationFileName],
            let configuration = try? VaultConfiguration(
                json: String(decoding: signed, as: UTF8.self), source: sealFile.path)
        {
            return configuration.simulation
        }
        return try configuration().simulation
    }
}

extension VaultFolder {
    /// How far from the system's a live vault's clock, and any vault's audit clock, may be: the
    /// audit log's own tolerance for times ahead (`AuditVerifier.futureTolerance`), so a correction
    /// of a skewed host clock passes and a clock moved to another day does not.
    static let realTimeTolerance: Duration = AuditVerifier.futureTolerance

    /// Refuses, for a live vault, a clock more than ``realTimeTolerance`` from the system's either
    /// way, and for any vault an audit clock that far off.
    ///
    /// A clock ahead would delete recordings before their time under certificates dated in the
    /// future; a clock behind dates new recordings in the past, so their retention ends early and
    /// the next sweep on the real clock deletes them (recordings made earlier come in through the
    /// import, with their own times). An audit clock off either way writes evidence that other
    /// processes refuse (ahead) or that contradicts the log's order (behind).
    ///
    /// - Parameters:
    ///   - clock: the clock the vault would run on (checked for a live vault only).
    ///   - auditClock: the clock the audit log would stamp entries with.
    ///   - simulation: whether the vault is opened as a simulation.
    ///   - backdating: whether a live vault's clock may be behind (the package's tests only).
    /// - Throws: `VaultFolderError.clockNotRealTime` or `VaultFolderError.auditClockNotRealTime`.
    func requireRealTime(
        clock: any WallClock, auditClock: any WallClock, simulation: Bool, backdating: Bool = false
    ) throws(VaultFolderError) {
        let tolerance = Double(Self.realTimeTolerance.components.seconds)
        let now = SystemWallClock().now
        let offset = clock.now.timeIntervalSince(now)
        if !simulation, offset > tolerance || (offset < -tolerance && !backdating) {
            throw .clockNotRealTime(path: directory.path, offsetSeconds: Int64(offset.rounded()))
        }
        let auditOffset = auditClock.now.timeIntervalSince(now)
        if abs(auditOffset) > tolerance {
            throw .auditClockNotRealTime(path: directory.path, offsetSeconds: Int64(auditOffset.rounded()))
        }
    }
}

/// A vault's clock held within ``VaultFolder/realTimeTolerance`` of the system's at every reading,
/// not only when the vault was opened: a host clock that is right at the open check and jumps
/// later (a custom `WallClock`, an offset changed at run time) reads as the nearer bound, so a live
/// vault never dates a recording, a schedule or a deletion further from real time than the open
/// check allows.
struct RealTimeBoundedClock: WallClock {
    /// The host's clock.
    let inner: any WallClock
    /// Whether a time behind the system's passes (the package's tests' backdating only).
    let allowsBehind: Bool

    var now: Date {
        let system = SystemWallClock().now
        let tolerance = Double(VaultFolder.realTimeTolerance.components.seconds)
        let time = inner.now
        if time.timeIntervalSince(system) > tolerance { return system.addingTimeInterval(tolerance) }
        if !allowsBehind, system.timeIntervalSince(time) > tolerance { return system.addingTimeInterval(-tolerance) }
        return time
    }

    func sleep(for duration: Duration) async throws {
        try await inner.sleep(for: duration)
    }
}
