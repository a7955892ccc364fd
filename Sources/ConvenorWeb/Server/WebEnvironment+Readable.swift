import ConvenorCore
import ConvenorIO

extension WebEnvironment {
    /// A mailing rendered exactly as it will be sent (headers, then the text), as `convenor preview` shows it; an
    /// approval password is shown redacted.
    /// - Parameter renderer: the templates to render with (default: the operator's, as the daemon loaded them).
    func readable(
        _ mailing: Mailing,
        config: Config,
        renderer: TemplateRenderer? = nil,
        minutes: String? = nil
    ) -> String {
        let assembler = MailingAssembler(config: config, renderer: renderer ?? status.configuration.renderer)
        do {
            let assembled = try assembler.assemble(mailing, minutes: minutes, date: mailing.due, approval: .redacted)
            return PreviewReport.readable(assembled, number: 1, of: 1)
        } catch {
            return "The mail cannot be made: \(error)"
        }
    }
}
