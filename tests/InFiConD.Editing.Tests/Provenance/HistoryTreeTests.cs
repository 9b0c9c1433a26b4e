namespace InFiConD.Editing.Tests.Provenance;

public sealed class HistoryTreeTests
{
    [Fact]
    public async Task Branches_hang_under_their_parents_in_the_order_they_were_made_and_the_current_version_is_marked()
    {
        using var session = EditingData.Default.NewSession();
        var v1 = (await session.EditAsync(e => e.ForClass("boat").Downtune("water", 2), EditRefit.FixedEpochs(3))).VersionId;
        session.Undo();
        var v2 = (await session.EditAsync(e => e.ForClass("car").Remove("road"), EditRefit.FixedEpochs(3))).VersionId;
        session.Checkout(v1);
        var v3 = (await session.EditAsync(e => e.ForClass("house").Downtune("roof", 2), EditRefit.FixedEpochs(3))).VersionId;

        var root = session.HistoryTree();
        Assert.Equal((ProvenanceLog.RootId, false), (root.Version.VersionId, root.IsCurrent));
        Assert.Equal([v1, v2], root.Children.Select(c => c.Version.VersionId));
        var first = root.Children[0];
        Assert.Equal([v3], first.Children.Select(c => c.Version.VersionId));
        Assert.True(first.Children[0].IsCurrent);
        Assert.Empty(root.Children[1].Children);
        Assert.Equal(["remove car/road"], root.Children[1].Version.Edits);
        // Every version once.
        static IEnumerable<HistoryNode> All(HistoryNode node) => node.Children.SelectMany(All).Prepend(node);
        Assert.Equal(session.HistorySummary().Select(s => s.VersionId).Order(), All(root).Select(n => n.Version.VersionId).Order());
        Assert.Single(All(root), n => n.IsCurrent);
    }

    [Fact]
    public void A_session_without_edits_is_a_single_current_root()
    {
        using var session = EditingData.Default.NewSession();
        var root = session.HistoryTree();
        Assert.True(root.IsCurrent);
        Assert.Empty(root.Children);
    }
}
