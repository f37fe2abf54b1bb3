using System.Globalization;
using System.Net;
using System.Text;

namespace Pipeline.Status;

/// <summary>
/// Renders the status report as one self-contained HTML page: inline CSS, inline SVG charts, a few lines of inline
/// script for the replay buttons; nothing is fetched from anywhere else, so it works offline. Pure.
/// </summary>
public static class StatusPage
{
    private const int BarWidth = 6;
    private const int GroupWidth = 14;
    private const int ChartHeight = 110;

    public static string Render(StatusReport report)
    {
        var h = new StringBuilder(32 * 1024);
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\"><title>Pipeline status</title><style>").Append(Css).Append("</style></head><body>");
        h.Append("<header><h1>Pipeline status</h1><p>Generated ").Append(Time(report.GeneratedAt))
            .Append(" UTC · last ").Append(report.WindowHours).Append(" hours · <a href=\"status.json\" id=\"json-link\">JSON</a></p></header>");

        Destinations(h, report);
        Paused(h, report);
        DeadLetters(h, report);
        Retrying(h, report);
        Coverage(h, report);
        MatchRules(h, report);
        Dedup(h, report);

        h.Append("<script>").Append(Script).Append("</script></body></html>");
        return h.ToString();
    }

    private static void Destinations(StringBuilder h, StatusReport report)
    {
        h.Append("<section id=\"destinations\"><h2>Deliveries per destination</h2>");
        if (report.Destinations.Count == 0) h.Append("<p class=\"empty\">No destination is configured and no delivery was recorded.</p>");
        h.Append("<table><thead><tr><th>Destination</th><th>Delivered</th><th>Failed</th><th>Retrying</th><th>Dead</th><th>Skipped</th></tr></thead><tbody>");
        foreach (var d in report.Destinations)
        {
            h.Append("<tr data-destination=\"").Append(E(d.Id)).Append("\"><th>").Append(E(d.Id)).Append("</th>");
            Cell(h, "delivered", d.Delivered);
            Cell(h, "failed", d.Failed);
            Cell(h, "retrying", d.Retrying);
            Cell(h, "dead", d.Dead);
            Cell(h, "skipped", d.Skipped);
            h.Append("</tr>");
        }
        h.Append("</tbody></table>");
        foreach (var d in report.Destinations) Chart(h, d);
        h.Append("</section>");
    }

    private static void Cell(StringBuilder h, string metric, int value) =>
        h.Append("<td data-metric=\"").Append(metric).Append("\">").Append(N(value)).Append("</td>");

    private static void Chart(StringBuilder h, DestinationStatus d)
    {
        var max = Math.Max(1, d.Hours.Select(b => Math.Max(b.Delivered, b.Failed)).DefaultIfEmpty(0).Max());
        var width = d.Hours.Count * GroupWidth + 40;
        h.Append("<figure class=\"chart\" data-destination=\"").Append(E(d.Id)).Append("\"><figcaption>").Append(E(d.Id))
            .Append(": delivered <span class=\"key ok\"></span> vs failed <span class=\"key bad\"></span> per hour (max ").Append(N(max))
            .Append(")</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(width).Append("\" height=\"")
            .Append(ChartHeight + 22).Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(ChartHeight + 22).Append("\">");
        h.Append("<line x1=\"36\" y1=\"").Append(ChartHeight).Append("\" x2=\"").Append(width).Append("\" y2=\"").Append(ChartHeight).Append("\" class=\"axis\"/>");
        h.Append("<text x=\"32\" y=\"10\" class=\"label\" text-anchor=\"end\">").Append(N(max)).Append("</text>");
        h.Append("<text x=\"32\" y=\"").Append(ChartHeight).Append("\" class=\"label\" text-anchor=\"end\">0</text>");
        for (var i = 0; i < d.Hours.Count; i++)
        {
            var b = d.Hours[i];
            var x = 40 + i * GroupWidth;
            Bar(h, x, b.Delivered, max, "ok", b, "delivered");
            Bar(h, x + BarWidth, b.Failed, max, "bad", b, "failed");
            if (i % 12 == 0 || i == d.Hours.Count - 1)
            {
                var last = i == d.Hours.Count - 1;
                h.Append("<text x=\"").Append(last ? x + GroupWidth : x).Append("\" y=\"").Append(ChartHeight + 16)
                    .Append(last ? "\" text-anchor=\"end" : "").Append("\" class=\"label\">")
                    .Append(b.Hour.ToString("dd HH:mm", CultureInfo.InvariantCulture)).Append("</text>");
            }
        }
        h.Append("</svg></figure>");
    }

    private static void Bar(StringBuilder h, int x, int value, int max, string cls, HourBucket bucket, string what)
    {
        if (value == 0) return;
        var height = Math.Max(1, (int)Math.Round((double)value / max * (ChartHeight - 12)));
        h.Append("<rect class=\"").Append(cls).Append("\" x=\"").Append(x).Append("\" y=\"").Append(ChartHeight - height)
            .Append("\" width=\"").Append(BarWidth).Append("\" height=\"").Append(height).Append("\" data-hour=\"")
            .Append(bucket.Hour.ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture)).Append("\" data-").Append(what).Append("=\"")
            .Append(value).Append("\"><title>").Append(Time(bucket.Hour)).Append(": ").Append(N(value)).Append(' ').Append(what).Append("</title></rect>");
    }

    private static void Paused(StringBuilder h, StatusReport report)
    {
        h.Append("<section id=\"paused\"><h2>Paused destinations</h2>");
        if (report.Paused.Count == 0)
        {
            h.Append("<p class=\"empty\">None: every circuit is closed.</p></section>");
            return;
        }
        h.Append("<table><thead><tr><th>Destination</th><th>Circuit</th><th>Reason</th></tr></thead><tbody>");
        foreach (var p in report.Paused)
            h.Append("<tr><td>").Append(E(p.Destination)).Append("</td><td>").Append(E(p.State)).Append("</td><td>").Append(E(p.Reason)).Append("</td></tr>");
        h.Append("</tbody></table></section>");
    }

    private static void DeadLetters(StringBuilder h, StatusReport report)
    {
        h.Append("<section id=\"dead-letters\"><h2>Dead letters <span class=\"count\" data-metric=\"dead-letters\">").Append(N(report.DeadLetterTotal)).Append("</span></h2>");
        if (report.DeadLetterTotal == 0)
        {
            h.Append("<p class=\"empty\">None.</p></section>");
            return;
        }
        if (report.DeadLetterTotal > report.DeadLetters.Count)
            h.Append("<p>Showing the newest ").Append(report.DeadLetters.Count).Append("; the JSON lists the same.</p>");
        h.Append("<table><thead><tr><th>When</th><th>Destination</th><th>Event</th><th>Attempts</th><th>Last error</th><th>Reason</th><th></th></tr></thead><tbody>");
        foreach (var d in report.DeadLetters)
        {
            h.Append("<tr data-event-id=\"").Append(E(d.EventId)).Append("\"><td>").Append(Time(d.UpdatedAt)).Append("</td><td>").Append(E(d.Destination))
                .Append("</td><td>").Append(E(d.EventName)).Append(" <code>").Append(E(d.EventId)).Append("</code></td><td>").Append(d.Attempts)
                .Append("</td><td class=\"error\">").Append(E(d.LastError)).Append("</td><td>").Append(E(d.Reason)).Append("</td><td>");
            if (d.Replayable)
            {
                // The window spans the row's event time to its last change, so either reading of from/to finds it.
                h.Append("<button class=\"replay\" data-destination=\"").Append(E(d.Destination))
                    .Append("\" data-from=\"").Append(Iso(d.EventTime < d.UpdatedAt ? d.EventTime : d.UpdatedAt))
                    .Append("\" data-to=\"").Append(Iso(d.UpdatedAt.AddSeconds(1)))
                    .Append("\" data-event-id=\"").Append(E(d.EventId)).Append("\">Replay</button><span class=\"result\"></span>");
            }
            else h.Append("<span class=\"muted\">payload gone</span>");
            h.Append("</td></tr>");
        }
        h.Append("</tbody></table></section>");
    }

    private static void Retrying(StringBuilder h, StatusReport report)
    {
        h.Append("<section id=\"retrying\"><h2>Retrying <span class=\"count\" data-metric=\"retrying\">").Append(N(report.RetryingTotal)).Append("</span></h2>");
        if (report.RetryingTotal == 0)
        {
            h.Append("<p class=\"empty\">None.</p></section>");
            return;
        }
        h.Append("<table><thead><tr><th>Destination</th><th>Event</th><th>State</th><th>Attempts</th><th>Next attempt</th><th>Last error</th></tr></thead><tbody>");
        foreach (var r in report.Retrying)
        {
            h.Append("<tr><td>").Append(E(r.Destination)).Append("</td><td><code>").Append(E(r.EventId)).Append("</code></td><td>").Append(E(r.State))
                .Append("</td><td>").Append(r.Attempts).Append("</td><td>").Append(r.NextAttemptAt is { } next ? Time(next) : "")
                .Append("</td><td class=\"error\">").Append(E(r.LastError)).Append("</td></tr>");
        }
        h.Append("</tbody></table></section>");
    }

    private static void Coverage(StringBuilder h, StatusReport report)
    {
        h.Append("<section id=\"coverage\"><h2>Identifier coverage of delivered events</h2>")
            .Append("<p>Share of events sent with each match-quality input the platforms score.</p>")
            .Append("<table><thead><tr><th>Destination</th><th>Events</th>");
        foreach (var name in Telemetry.IdentifierCoverage.Names) h.Append("<th>").Append(E(name)).Append("</th>");
        h.Append("</tr></thead><tbody>");
        foreach (var d in report.Destinations)
        {
            h.Append("<tr data-destination=\"").Append(E(d.Id)).Append("\"><th>").Append(E(d.Id)).Append("</th><td data-metric=\"events\">").Append(N(d.Coverage.Events)).Append("</td>");
            foreach (var i in d.Coverage.Identifiers)
                h.Append("<td data-identifier=\"").Append(E(i.Identifier)).Append("\">").Append(d.Coverage.Events == 0 ? "–" : Percent(i.Share)).Append("</td>");
            h.Append("</tr>");
        }
        h.Append("</tbody></table></section>");
    }

    private static void MatchRules(StringBuilder h, StatusReport report)
    {
        h.Append("<section id=\"match-rules\"><h2>Matched by rule</h2>");
        if (report.MatchRules.Count == 0)
        {
            h.Append("<p class=\"empty\">No event was matched in the window.</p></section>");
            return;
        }
        h.Append("<table><thead><tr><th>Rule</th><th>Events</th><th>Share</th></tr></thead><tbody>");
        foreach (var r in report.MatchRules)
        {
            h.Append("<tr data-rule=\"").Append(E(r.Rule)).Append("\"><td>").Append(E(r.Rule)).Append("</td><td data-metric=\"count\">").Append(N(r.Count))
                .Append("</td><td data-metric=\"share\"><span class=\"meter\"><span style=\"width:").Append((r.Share * 100).ToString("0.#", CultureInfo.InvariantCulture))
                .Append("%\"></span></span> ").Append(Percent(r.Share)).Append("</td></tr>");
        }
        h.Append("</tbody></table></section>");
    }

    private static void Dedup(StringBuilder h, StatusReport report)
    {
        var d = report.Dedup;
        h.Append("<section id=\"dedup\"><h2>Dedup check: browser and server event ids</h2>")
            .Append("<p>Purchases seen both from the browser and from a server source (Shopify, Stripe, the API) must carry the same event id, ")
            .Append("or the platforms count them twice.</p>");
        h.Append("<p class=\"big\">Agreeing: <strong data-metric=\"agreeing-share\">").Append(d.AgreeingShare is { } s ? Percent(s) : "–")
            .Append("</strong> (<span data-metric=\"agreeing\">").Append(N(d.Agreeing)).Append("</span> of <span data-metric=\"compared\">")
            .Append(N(d.OrdersCompared)).Append("</span> orders; <span data-metric=\"mismatched\">").Append(N(d.Mismatched)).Append("</span> mismatched)</p>");
        if (d.Examples.Count > 0)
        {
            h.Append("<table><thead><tr><th>Order</th><th>Browser event id</th><th>Server event id</th></tr></thead><tbody>");
            foreach (var m in d.Examples)
            {
                h.Append("<tr class=\"mismatch\"><td>").Append(E(m.OrderId)).Append("</td><td><code>").Append(E(string.Join(", ", m.BrowserEventIds)))
                    .Append("</code></td><td><code>").Append(E(string.Join(", ", m.ServerEventIds))).Append("</code></td></tr>");
            }
            h.Append("</tbody></table>");
        }
        h.Append("</section>");
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private const string Css = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#1b1f24;background:#fff}
        h1{font-size:22px;margin:0}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
        header p{color:#57606a;margin:4px 0}table{border-collapse:collapse;width:100%;margin:8px 0}
        th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}thead th{background:#f6f8fa}
        td[data-metric],td[data-identifier]{font-variant-numeric:tabular-nums}code{font-size:12px}
        .chart{margin:12px 0}.chart figcaption{font-weight:600;margin-bottom:2px}.chart svg{max-width:100%;height:auto}
        .ok{fill:#2da44e;background:#2da44e}.bad{fill:#cf222e;background:#cf222e}.axis{stroke:#8c959f}.label{font-size:10px;fill:#57606a}
        .key{display:inline-block;width:10px;height:10px;vertical-align:middle}.empty,.muted{color:#57606a}
        .error{color:#a40e26;max-width:360px;word-break:break-word}.count{background:#eaeef2;border-radius:10px;padding:0 8px;font-size:13px}
        .meter{display:inline-block;width:120px;height:8px;background:#eaeef2;vertical-align:middle}.meter span{display:block;height:8px;background:#0969da}
        .big{font-size:16px}.mismatch td{background:#fff8f8}button{cursor:pointer}.result{margin-left:6px;color:#57606a}
        """;

    // The key from ?key= is kept in memory only and dropped from the address bar, so it is not left in history.
    private const string Script = """
        (function(){
          var params=new URLSearchParams(location.search);var key=params.get('key');
          if(key){params.delete('key');var q=params.toString();history.replaceState(null,'',location.pathname+(q?'?'+q:''));}
          var json=document.getElementById('json-link');
          json.addEventListener('click',function(e){if(!key)return;e.preventDefault();
            fetch('status.json',{headers:{'x-operator-key':key}}).then(function(r){return r.text();}).then(function(t){
              var w=window.open('','_blank');if(w){w.document.body.textContent=t;}});});
          document.querySelectorAll('button.replay').forEach(function(b){b.addEventListener('click',function(){
            if(!key){key=prompt('Operator key');if(!key)return;}
            var reason=prompt('Reason for the replay (kept in the ledger)','replayed from the status page');if(reason===null)return;
            var out=b.nextElementSibling;b.disabled=true;out.textContent='…';
            fetch('operator/replay',{method:'POST',headers:{'content-type':'application/json','x-operator-key':key},
              body:JSON.stringify({destination:b.dataset.destination,from:b.dataset.from,to:b.dataset.to,reason:reason,note:'event '+b.dataset.eventId})})
            .then(function(r){return r.text().then(function(t){out.textContent=r.status+' '+t.slice(0,200);b.disabled=r.ok;});})
            .catch(function(e){out.textContent=String(e);b.disabled=false;});});});
        })();
        """;
}
