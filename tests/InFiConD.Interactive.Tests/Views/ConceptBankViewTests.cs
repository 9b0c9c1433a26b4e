using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Interactive.Tests;

public sealed class ConceptBankViewTests
{
    [Fact]
    public void Flagged_concepts_come_first_with_their_auc_and_threshold_escaped()
    {
        var html = ConceptBankView.ToHtml(ViewData.Bank());

        Assert.Contains("1 of 3 concepts are not reliably detected (exemplar AUC below 0.70)", html, StringComparison.Ordinal);
        Assert.Contains("water &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("water <b>", html, StringComparison.Ordinal);
        // The flagged row comes before the others, and carries its numbers.
        Assert.True(html.IndexOf("water &lt;b&gt;", StringComparison.Ordinal) < html.IndexOf(">sail<", StringComparison.Ordinal));
        Assert.Contains("0.550", html, StringComparison.Ordinal);
        Assert.Contains("⚠ no", html, StringComparison.Ordinal);
        Assert.Contains("0.910", html, StringComparison.Ordinal);
        Assert.Contains("not measured", html, StringComparison.Ordinal);
        Assert.Contains("0.400", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bank_without_quality_says_so()
    {
        var bank = ConceptBank.Create(["sail"], FloatMatrix.FromValues([1f, 0f], 1, 2), new ConceptBankOrigin(ConceptBankKind.Text));
        Assert.Contains("records no detection quality", ConceptBankView.ToHtml(bank), StringComparison.Ordinal);
    }

    [Fact]
    public void Reliable_banks_say_every_concept_is_detected_and_the_row_limit_holds()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"c{i}").ToArray();
        var vectors = new FloatMatrix(30, 2);
        for (var i = 0; i < 30; i++)
        {
            vectors[i, 0] = 1f;
        }
        var bank = ConceptBank.Create(names, vectors, new ConceptBankOrigin(ConceptBankKind.Exemplar))
            .WithQuality([.. names.Select(_ => (ConceptQuality?)new ConceptQuality(0.8, 6, 6, 5, "cav"))]);
        var html = ConceptBankView.ToHtml(bank, new HtmlViewOptions { MaxRows = 10 });
        Assert.Contains("Every concept is detected reliably", html, StringComparison.Ordinal);
        Assert.Contains("20 more concepts not shown.", html, StringComparison.Ordinal);
        Assert.Contains(">c9<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">c10<", html, StringComparison.Ordinal);
    }
}
