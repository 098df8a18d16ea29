import CallVault
import CallVaultAccess
import CallVaultAudit
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation

/// The story: four calls, then the people who reach the recordings, a complaint, and a sweep
/// years later. Each step prints what happened and checks it; a failed check fails the demo.
///
/// The story starts an hour before the demo runs (to the second), so what it records before the
/// sweep (calls, training, grants) is dated as the `callvault` tool judges it afterwards: the
/// staff's training is valid for the tool for the year the story gives it, whenever the demo is
/// run, and the calls (simulated faster than they would be spoken) have ended before the real time
/// the tool reads them at. Only the sweep jumps ahead, which is why the vault is marked a
/// simulation.
struct ContactCenterDemo {
    static let practice: RetentionRuleID = "contact-centre-practice"

    let options: DemoOptions
    let printer = DemoPrinter()
    private var failures = 0

    init(options: DemoOptions) {
        self.options = options
    }

    func run() async throws {
        let clock = ManualWallClock(Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3_600).rounded(.down)))
        let demo = try await DemoVault.create(at: options.vault, passphrase: options.passphrase, clock: clock)
        let clips = try Clips.load()
        var checks = Checks(printer: printer)
        printer.section("\(DemoVault.organisation): a CallVault vault in \(demo.directory.path)")
        printer.line("Keys sealed under the passphrase in keys/; policy in access-policy.json; audit log in audit.log.")

        let calls = DemoCalls(demo: demo, clips: clips, printer: printer)
        let german = try await calls.germanCall(&checks)
        let british = try await calls.britishCall(&checks)
        let emirati = try await calls.emiratiCall(&checks)
        let conference = try await calls.conferenceCall(&checks)

        let people = DemoPeople(demo: demo, printer: printer)
        try await people.recordTraining()
        try await people.supervisorListens(to: german, &checks)
        try await people.otherAgentIsRefused(german, &checks)
        try await people.complianceExports(conference, &checks)
        let complaint = try await people.customerComplains(about: german, &checks)
        try await people.transparency(for: german, &checks)
        try await DemoRetentionPromise(demo: demo, printer: printer).check(
            [german, british, emirati, conference], &checks)

        printer.section("Three years later: the retention sweep")
        clock.advance(by: .seconds(3 * 365 * 86_400))
        let report = try await demo.vault.sweep { progress in
            print("   sweeping: \(progress.deleted) deleted, \(progress.held) held")
        }
        printer.line(report.summary)
        checks.check(
            Set(report.deleted) == [british.id, conference.id],
            "the British and conference calls are deleted (past delete-by)")
        checks.check(report.held == 1, "the German call is kept: the open complaint \(complaint.id) holds it")
        let germanNow = try await demo.vault.recording(german.id)
        checks.check(germanNow?.state == .complete, "the held recording is still complete")
        let tombstone = try await demo.vault.tombstone(of: british.id)
        let certificate = try tombstone.map { try SignedDocument<DeletionCertificate>(fileContents: $0.certificate) }
        checks.check(
            (try? certificate?.verified(by: demo.verifyingKey)) != nil,
            "each deletion has a certificate signed by the organisation's key")
        checks.check(emirati.state == .unrecorded, "the declined call never had audio to delete")

        printer.section("The audit log")
        _ = try await demo.vault.audit.checkpoint()
        let verification = try AuditVerifier(trustedKey: demo.verifyingKey).verify(fileAt: demo.auditPath)
        printer.line(verification.description)
        checks.check(
            verification.isIntact,
            "every decision, grant, hold and deletion is in a log whose hash chain and signatures verify")

        printer.section("Done")
        let principals = try DemoPrincipalFiles.write(into: demo.directory, signedOnAt: Date())
        printer.line("\(checks.passed) checks passed, \(checks.failed) failed.")
        printer.line(
            "The vault stays in \(demo.directory.path). Explore it with the callvault tool (on your PATH: see the README), for example:"
        )
        printer.line("  callvault vault list --vault \(demo.directory.path)")
        printer.line(
            "  callvault vault play call-1001 --vault \(demo.directory.path) --as \(principals.path)/maria.schmidt.json --purpose quality --out call-1001.wav"
        )
        printer.line("  callvault audit verify \(demo.auditPath) --public-key \(demo.verifyingKey)")
        printer.line(
            "The vault is a simulation (vault.json says \"simulation\": true): the tool notes it, reads it as above, and changes it only with --simulation."
        )
        if checks.failed > 0 { throw DemoError.unexpected("\(checks.failed) checks failed") }
    }
}

/// The demo's checks: printed as they pass or fail, counted for the end.
struct Checks {
    let printer: DemoPrinter
    private(set) var passed = 0
    private(set) var failed = 0

    init(printer: DemoPrinter) {
        self.printer = printer
    }

    mutating func check(_ condition: Bool, _ text: String) {
        printer.check(condition, text)
        if condition { passed += 1 } else { failed += 1 }
    }
}
