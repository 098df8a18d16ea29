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
