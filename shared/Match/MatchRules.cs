namespace Pipeline.Match;

/// <summary>The matching rules, strongest evidence first.</summary>
public static class MatchRules
{
    /// <summary>A visitor id carried by the event (cookie via checkout attribute, client_reference_id, server API).</summary>
    public const string VisitorId = "visitor_id";

    /// <summary>A click id carried by the event, joined to the visitor who landed with it.</summary>
    public const string ClickId = "click_id";

    /// <summary>Hashed e-mail, phone, external id or a shop customer id, joined to every visitor linked to it.</summary>
    public const string Identity = "identity";

    public const string None = "none";
}
