/// Prints the demo's report: sections, indented lines and checks.
struct DemoPrinter: Sendable {
    func section(_ title: String) {
        print("\n== \(title)")
    }

    func line(_ text: String) {
        print("   \(text)")
    }

    func check(_ passed: Bool, _ text: String) {
        print("   [\(passed ? "ok" : "FAILED")] \(text)")
    }
}
