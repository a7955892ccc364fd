extension TemplateSchema {
    /// The operator alert's variables: it concerns the installation, not a group.
    static let operatorAlertFields: [TemplateField] = [
        TemplateField("network", "The installation's network.", example: "Academic Libraries North"),
        TemplateField("operator", "The operator's address.", example: "convenor-alerts@aln.example.org"),
        TemplateField("sent_long", "When the alert was made.", example: "Thursday 5 November 2026, 10:00 GMT"),
        TemplateField("problem_count", "How many mailings are listed.", example: "2"),
        TemplateField("problem_summary", "The count in words.", example: "2 mailings"),
        TemplateField(
            "problems",
            .list(
                .object([
                    TemplateField("key", "The ledger key.", example: "customer-services-cop/agenda/2026-10/0"),
                    TemplateField("group", "The group id.", example: "customer-services-cop"),
                    TemplateField("kind", "The mailing kind.", example: "agenda"),
                    TemplateField("occurrence", "The occurrence.", example: "2026-10"),
                    TemplateField("state", "failed, missed, held, rejected or bounced.", example: "failed"),
                    TemplateField("due", "When it was due.", example: "Thursday 5 November 2026, 09:00 GMT"),
                    TemplateField("reason", "What went wrong.", example: "550 5.7.1 sender not subscribed"),
                    TemplateField("action", "What the operator can do.", example: "fix the cause above, then run"),
                    TemplateField(
                        "command",
                        "The command that sends it again.",
                        example: "convenor ledger retry customer-services-cop/agenda/2026-10/0"
                    ),
                ])
            ),
            "The failed and missed mailings, and list posts the list held, refused or returned."
        ),
    ]
}
