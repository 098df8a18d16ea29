import ArgumentParser
import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation

/// Who asks and why, as `play` and `export` take it: the request a host's playback service gets.
struct VaultRequestOptions: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "The principal asking, described in JSON as 'callvault access check --principal' reads it.",
            valueName: "principal-file"))
    var principalFile: String

    @Option(
        help: ArgumentHelp(
            "Why, such as quality, training, dispute-resolution or legal-regulatory.", valueName: "purpose"),
        transform: { text throws(AccessArgumentError) in try AccessArgument.purpose(text) })
    var purpose: Purpose

    @Option(help: ArgumentHelp("The written justification (break-glass needs one).", valueName: "text"))
    var justification: String?

    @Option(
        name: .customLong("approved-by"),
        help: ArgumentHelp("A principal who approved the request; repeat for each.", valueName: "id"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.principal(text) })
    var approvals: [PrincipalID] = []

    /// The request for `principal`.
    func request(_ principal: Principal, legalReference: String?, seconds: Range<Double>? = nil) -> PlaybackRequest {
        PlaybackRequest(
            principal: principal, purpose: purpose, seconds: seconds, justification: justification,
            legalReference: legalReference, approvals: Set(approvals))
    }
}

/// Runs a playback request and prints the decision: on a refusal, the reasons, then exit 6.
enum VaultDecision {
    static func printing<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as PlaybackError where error.code == .denied {
            guard case .denied(let decision) = error.reason else { throw error }
            print(AccessCheckReport.text(for: decision))
            print("The refusal is recorded in the vault's audit log.")
            throw PlaybackError.denied(decision)
        }
    }
}

/// `callvault vault play`: decrypts a recording to a WAV file, through the access policy.
struct VaultPlay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play a recording as a principal, for a purpose, through the access policy, into a WAV file.",
        discussion: """
            The request goes through exactly what a host's playback goes through: the vault's access \
            policy decides (its decision and reasons are printed and audited, allowed or denied), an \
            allow becomes a short-lived grant, the key custodian checks the grant and only then \
            releases the data key, and just the span asked for is decrypted. The principal file says \
            who asks, as your sign-on authenticated them (see 'callvault access check --help' for its \
            form); their training completions in the vault's training register are added to it.

            Writing plaintext audio to --out is your explicit choice as the operator: the file is \
            unencrypted (created readable only by you, and never over an existing file unless \
            --force; never over anything but a regular file, nor inside the vault folder; written \
            unnamed until complete, so an interrupted run leaves no plaintext behind). Delete it when \
            done; to hand a recording to someone, use 'vault export', which stays encrypted.

            \(VaultRecordingReference.discussion)

            Exit status: 0 played; 6 the policy denied the request (the reasons are printed, and the \
            refusal is in the audit log); 1 an unknown recording, one without audio (never recorded, \
            or deleted), or a bad principal file; 4 wrong passphrase; 64 usage.
            """
    )

    @OptionGroup var location: VaultLocation

    @Argument(
        help: ArgumentHelp(
            "The recording: its id, a prefix of its id no other recording shares, or its call id.",
            valueName: "id"))
    var reference: String

    @OptionGroup var request: VaultRequestOptions

    @Option(
        help: ArgumentHelp("The legal request or case served, when the policy asks for one.", valueName: "reference"))
    var legalReference: String?

    @Option(help: ArgumentHelp("Start of the span to play, in seconds (default: the start).", valueName: "seconds"))
    var from: Double?

    @Option(help: ArgumentHelp("End of the span to play, in seconds (default: the end).", valueName: "seconds"))
    var to: Double?

    @Option(
        help: ArgumentHelp("The WAV file to write: plaintext audio, at your explicit choice.", valueName: "file.wav"))
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func validate() throws {
        if let from, let to, from >= to { throw ValidationError("--from must be before --to.") }
        if let from, from < 0 { throw ValidationError("--from cannot be negative.") }
    }

    func run() async throws {
        try await reportingVaultFailures {
            try FileEnvelopeOutput.checkDestination(out, distinctFrom: [request.principalFile])
            try VaultOutputs.checkOutside(location.folder, out)
            if !force, FileManager.default.fileExists(atPath: out) { throw VaultToolError.outputExists(out) }
            try await location.withOpenedVault(.reading) { opened in
                let id = try await VaultRecordingReference(text: reference).resolve(
                    in: opened.stores.catalog, verifyingKey: try location.folder.verifyingKey())
                let principal = try await VaultPrincipal.load(request.principalFile, training: opened.training)
                let seconds = try await span(of: id, in: opened)
                let playback = try await VaultDecision.printing {
                    try await opened.playback.play(
                        id, request.request(principal, legalReference: legalReference, seconds: seconds))
                }
                print(AccessCheckReport.text(for: playback.decision))
                let output = try FileEnvelopeOutput(destination: out, distinctFrom: [request.principalFile])
                try playback.wav().withUnsafeBytes { try output.write($0) }
                try output.commit()
                let frames = playback.samples.count / max(1, playback.format.bytesPerFrame ?? 1)
                let duration = Double(frames) / Double(max(1, playback.format.sampleRate))
                print(
                    String(
                        format: "wrote %@: %d sample frames (%.2f s from %.2f s), plaintext audio", out, frames,
                        duration,
                        playback.startSeconds))
                if !playback.recordingIsComplete {
                    Terminal.note(
                        "warning: the recording is incomplete (cut short by a crash); this is all that was kept.")
                }
            }
        }
    }

    /// The span asked for, checked against the recording's length.
    private func span(of id: RecordingID, in opened: OpenedVault) async throws -> Range<Double>? {
        guard from != nil || to != nil else { return nil }
        guard let recording = try await opened.stores.catalog.recording(id) else {
            throw VaultToolError.unknownRecording(id)
        }
        let duration = VaultShowReport.seconds(of: recording) ?? 0
        let start = from ?? 0
        let end = min(to ?? duration, duration)
        guard start < end else {
            throw VaultToolError.rangeOutsideRecording(from: start, to: to, duration: duration)
        }
        return start..<end
    }
}
