using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Interactive.Tests.Views;

public sealed class ProvenanceLogViewTests
{
    [Fact]
    public void Empty_log_says_there_are_no_edits()
    {
        using var log = ProvenanceLog.CreateInMemory();
        var html = HtmlFragment.Parse(ProvenanceLogView.ToHtml(log));
        Assert.Contains("Provenance: 0 edits", html.Text, StringComparison.Ordinal);
        Assert.Contains("No edits yet: the students are the fitted version v0.", html.Text, StringComparison.Ordinal);
        Assert.Equal(0, html.Count("table"));
    }

    [Fact]
    public async Task Rows_hold_each_entrys_edits_changed_weights_and_metrics()
    {
        using var session = await EditedSession();
        var log = session.Log;
        var html = ProvenanceLogView.ToHtml(log);
        var rows = HtmlFragment.Parse(html).Rows("provenance");
        Assert.Equal(2, rows.Count);
        for (var i = 0; i < 2; i++)
        {
            var e = log.Entries[i];
            Assert.Equal(e.Id, rows[i][0]);
            Assert.Equal(e.ParentId, rows[i][1]);
            Assert.Equal(e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), rows[i][2]);
            Assert.Equal(string.Concat(e.Edits.Select(x => x.Description)), rows[i][3]);
            var changed = e.Changes.Sum(c => c.WeightsBefore.Where((w, j) => w != c.WeightsAfter[j]).Count());
            Assert.True(changed > 0);
            Assert.Equal(Html.Count(changed), rows[i][4]);
            Assert.Equal($"{Html.Percent(e.MetricsBefore.Top1Agreement)} → {Html.Percent(e.MetricsAfter.Top1Agreement)}", rows[i][5]);
            Assert.Equal($"{Html.Percent(e.MetricsBefore.GroundTruthAccuracy!.Value)} → {Html.Percent(e.MetricsAfter.GroundTruthAccuracy!.Value)}", rows[i][6]);
            Assert.StartsWith($"{e.Refit.Epochs} epochs", rows[i][7], StringComparison.Ordinal);
        }
        Assert.Equal(["v1", "v2"], rows.Select(r => r[0]));
        Assert.Equal("v1", rows[1][1]);
        Assert.Contains("Top-1 agreement with the teacher", HtmlFragment.Parse(html).Text, StringComparison.Ordinal);
        // Two edits in one entry are listed one per line.
        Assert.Contains("<br/>", html, StringComparison.Ordinal);
        Assert.Contains("car &lt;b&gt;&#39;s", html, StringComparison.Ordinal);
        ViewAssert.SelfContained(html);
    }

    [Fact]
    public async Task Max_rows_keeps_the_latest_entries()
    {
        using var session = await EditedSession();
        var html = HtmlFragment.Parse(ProvenanceLogView.ToHtml(session.Log, new HtmlViewOptions { MaxRows = 1 }));
        Assert.Equal(["v2"], html.Rows("provenance").Select(r => r[0]));
        Assert.Contains("Showing the latest 1 of 2 entries.", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Held_out_splits_get_their_own_agreement_and_accuracy_columns()
    {
        var (scores, teacher, _, truth) = ViewData.Random(n: 80, c: 5);
        var (heldScores, heldTeacher, _, heldTruth) = ViewData.Random(n: 40, c: 5, seed: 9);
        var (students, _) = StudentEnsemble.Fit(scores, teacher, StudentOptions.Default);
        using var session = EditSession.Create(students, DataSplit.Create("train", scores, teacher, truth),
            [DataSplit.Create("shifted", heldScores, heldTeacher, heldTruth)]);
        await session.EditAsync(e => e.ForClass("class0").Downtune("concept 1", 3), EditRefit.FixedEpochs(2));

        var html = HtmlFragment.Parse(ProvenanceLogView.ToHtml(session.Log));
        var row = html.Rows("provenance").Single();
        var shifted = session.Log.Entries[0].Evaluation!.Single();
        Assert.Equal($"{Html.Percent(shifted.Before.Top1Agreement)} → {Html.Percent(shifted.After.Top1Agreement)}", row[7]);
        Assert.Equal($"{Html.Percent(shifted.Before.GroundTruthAccuracy!.Value)} → {Html.Percent(shifted.After.GroundTruthAccuracy!.Value)}", row[8]);
        Assert.Contains("accuracy (shifted)", html.Text, StringComparison.Ordinal);
        Assert.Contains("agreement (train)", html.Text, StringComparison.Ordinal);
        // The chart shows the held-out split, where an edit shows, not the training images.
        var titles = html.All("svg").Select(svg => svg.Elements().First(e => e.Name.LocalName == "text").Value).ToList();
        Assert.Equal(["Accuracy on shifted"], titles);
    }

    private static async Task<EditSession> EditedSession()
    {
        var (scores, teacher, _, truth) = ViewData.Random(n: 80, c: 5);
        var (students, _) = StudentEnsemble.Fit(scores, teacher, StudentOptions.Default);
        var session = EditSession.Create(students, scores, teacher, truth);
        await session.EditAsync(e => e.ForClass("class0").Downtune("concept 1", 3), EditRefit.FixedEpochs(2));
        await session.EditAsync(e => e.ForClass(ViewData.Car).Uptune(ViewData.Water, 2).ForClass("class2").Remove("concept 2"), EditRefit.FixedEpochs(2));
        return session;
    }
}
