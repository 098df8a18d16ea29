// contact-center-demo: a simulated contact centre wired to CallVault the way a vendor would wire
// it. Four calls in four jurisdictions, playback, a refusal, a legal export, a complaint, and a
// sweep years later; the vault is left on disk for the `callvault` tool to explore.
import Foundation

let options: DemoOptions
do {
    options = try DemoOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("contact-center-demo: \(error)\n\(DemoOptions.usage)\n".utf8))
    exit(64)
}
do {
    try await ContactCenterDemo(options: options).run()
} catch {
    FileHandle.standardError.write(Data("contact-center-demo: \(error)\n".utf8))
    exit(1)
}
