import Testing

/// A new passphrase (keygen, vault init) must meet the minimum strength, whether typed or given in
/// CALLVAULT_PASSPHRASE as scripts do; the message says what is needed and why, and nothing is
/// written. Passphrases already in use keep working (the rule is for choosing one).
@Suite("callvault: new passphrases have a minimum strength")
struct PassphraseStrengthTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    static let weak = ["a", "password", "aaaaaaaaaaaaaaaa", "abababababab", "short words"]

    @Test("keygen refuses a weak passphrase, says why, and writes nothing", arguments: weak)
    func keygenRefusesWeak(_ passphrase: String) throws {
        let run = try workspace.run("keygen", "--output", "agent", passphrase: passphrase)
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("too weak"), "\(run)")
        #expect(run.standardError.contains("at least 12 characters"), "\(run)")
        #expect(run.standardError.contains("guess passphrases offline"), "\(run)")
        if passphrase.count > 4 {
            #expect(!run.standardError.contains(passphrase), "the passphrase is not echoed: \(run)")
        }
        #expect(try workspace.entries().isEmpty)
    }

    @Test("vault init refuses a weak passphrase and leaves no folder")
    func vaultInitRefusesWeak() throws {
        let run = try Tool.run(
            VaultInitArguments.minimum(vault: "new-vault", organisation: "Acme Bank"), in: workspace.directory,
            passphrase: "a")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("too weak"), "\(run)")
        #expect(!workspace.exists("new-vault/vault.json"), "\(run)")
    }

    @Test("a passphrase of twelve varied characters is accepted")
    func strongEnough() throws {
        let run = try workspace.run("keygen", "--output", "agent", passphrase: "twelve chars")
        #expect(run.status == ExitStatus.success, "\(run)")
    }
}
