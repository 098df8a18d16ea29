import Foundation

/// The demo's command line: where to leave the vault.
struct DemoOptions {
    static let usage = """
        usage: contact-center-demo [--vault DIRECTORY]
          --vault DIRECTORY   where to create the demo vault (default: ./demo-vault; replaced if it
                              holds an earlier demo vault)
        The key files' passphrase comes from CALLVAULT_PASSPHRASE (default: "callvault demo").
        """

    var vault = URL(fileURLWithPath: "demo-vault")
    var passphrase = ProcessInfo.processInfo.environment["CALLVAULT_PASSPHRASE"] ?? "callvault demo"

    init(arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--vault":
                guard let path = rest.popFirst() else { throw DemoError.usage("--vault needs a directory") }
                vault = URL(fileURLWithPath: path)
            case "-h", "--help":
                print(Self.usage)
                exit(0)
            default:
                throw DemoError.usage("unknown argument \(argument)")
            }
        }
    }
}

/// What can stop the demo.
enum DemoError: Error, CustomStringConvertible {
    case usage(String)
    case notADemoVault(String)
    case missingClip(String)
    case unexpected(String)

    var description: String {
        switch self {
        case .usage(let reason): reason
        case .notADemoVault(let path):
            "\(path) exists and is not a demo vault; choose another --vault directory (the demo never deletes other files)"
        case .missingClip(let name): "the demo's audio clip \(name).wav is missing from its resources"
        case .unexpected(let what): "unexpected: \(what)"
        }
    }
}
