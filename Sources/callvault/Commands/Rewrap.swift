import ArgumentParser
import CallVaultCore
import CallVaultCrypto

struct Rewrap: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add or remove recipients without re-encrypting the audio.",
        discussion: """
            Only the header's key wraps change; every sealed segment is copied byte for byte. A removed \
            recipient can no longer open the new file, but a copy of the old file still opens with its key: \
            delete old copies, or seal the recording again under a new key to revoke access for good.
            """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("An identity that can open the envelope now.", valueName: "file"))
    var identity: String

    @Option(
        name: .customLong("add-recipient"),
        help: ArgumentHelp("A recipient string or .pub file to add; repeat for more.", valueName: "recipient"))
    var additions: [String] = []

    @Option(
        name: .customLong("remove-recipient"),
        help: ArgumentHelp(
            "A recipient string, .pub file or fingerprint (as 'inspect' prints it) to remove; repeat for more.",
            valueName: "recipient"))
    var removals: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Path of the rewrapped envelope to write.", valueName: "file"))
    var output: String

    @Argument(help: ArgumentHelp("The envelope to rewrap.", valueName: "input"))
    var input: String

    func validate() throws {
        guard !additions.isEmpty || !removals.isEmpty else {
            throw ValidationError(ToolError.nothingToChange.description)
        }
    }

    func run() throws {
        try reportingFailures {
            try FileEnvelopeOutput.checkDestination(
                output, distinctFrom: [input, identity] + Inputs.existingFiles(additions + removals))
            let added = try additions.map(Inputs.recipient)
            let removed = try removals.map(Inputs.fingerprint)
            let reader = try EnvelopeReader(
                source: FileByteSource(path: input), identity: Inputs.identity(identity))
            let destination = try FileEnvelopeOutput(
                destination: output, distinctFrom: [input, identity] + Inputs.existingFiles(additions + removals))
            var sink = destination
            let header = try reader.rewrap(adding: added, removing: removed, to: &sink)
            try destination.commit()
            Terminal.note(
                "rewrapped \(input) into \(output): \(header.recipients.count) recipient\(header.recipients.count == 1 ? "" : "s")"
            )
        }
    }
}
