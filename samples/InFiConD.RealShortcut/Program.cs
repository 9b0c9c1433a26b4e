// InFiConD on real images with a shortcut planted on purpose, and a control without it.
//
//   dotnet run -c Release --project samples/InFiConD.RealShortcut [-- --cache DIR]
//
// Needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist). Five Fashion-MNIST classes; a red
// square on every training sneaker and no other training image, and on a third of every class in the held-out
// "shifted" split. A ResNet-18 teacher (ML.NET head on the training images) learns the mark; the library, at its
// defaults, distils it into concept students over eight exemplar-defined concepts, diagnoses the shifted split and
// proposes a fix measured with a real refit; the sample applies it. The control draws the same images with no mark
// anywhere and must find nothing. See docs/real-images.md for the numbers.
using System.Globalization;
using InFiConD.Embedding;
using InFiConD.RealShortcut;

var cache = args.SkipWhile(a => a != "--cache").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "infcd-real-shortcut");
if (!FashionMnist.IsInstalled())
{
    Console.Error.WriteLine($"Fashion-MNIST is not in {FashionMnist.DebianDirectory}: install it with 'apt-get install dataset-fashion-mnist'.");
    return 2;
}
var (train, test) = (FashionMnist.Load("train"), FashionMnist.Load("t10k"));
using var backbone = ResNet18Backbone.Load();
var progress = new Progress<string>(step => Console.WriteLine($"  … {step}"));

Console.WriteLine("== Planted: a red mark on every training sneaker ==");
var planted = await RealShortcutJob.RunAsync(ShortcutWorld.Create(train, test), backbone, cache, progress);
using (planted.Session)
{
    RealShortcutConsole.Print(planted);
    var top = planted.Diagnosis.Confirmed.FirstOrDefault();
    if (top is { FixHelps: true })
    {
        var edit = await planted.Session.EditAsync(top.ProposedFix.Edits);
        Console.WriteLine($"Applied: {string.Join("; ", top.ProposedFix.Edits)}");
        foreach (var outcome in edit.Splits)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {outcome.Split,-8} accuracy {outcome.Before.GroundTruthAccuracy:P1} → {outcome.After.GroundTruthAccuracy:P1}, agreement {outcome.Before.Top1Agreement:P1} → {outcome.After.Top1Agreement:P1}"));
        }
        RealShortcutConsole.PrintMarked(planted.Session, "after the fix");
    }
}

Console.WriteLine();
Console.WriteLine("== Control: the same images and concepts, no mark anywhere ==");
var control = await RealShortcutJob.RunAsync(ShortcutWorld.Create(train, test, ShortcutWorldOptions.Default.Control), backbone, cache, progress);
using (control.Session)
{
    RealShortcutConsole.Print(control);
}
return 0;
