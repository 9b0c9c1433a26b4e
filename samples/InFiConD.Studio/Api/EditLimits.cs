namespace InFiConD.Studio;

/// <summary>
/// The limits the server checks edit requests against (<see cref="EditValidation"/>), sent with the configuration so
/// that the page's inputs use the same ones: there is one place for them.
/// </summary>
/// <param name="MinFactor">The smallest tuning factor.</param>
/// <param name="MaxFactor">The largest tuning factor.</param>
/// <param name="MaxEpochs">The most refit epochs one request may ask for (at least 1).</param>
/// <param name="MaxEdits">The most edits one request may carry.</param>
internal sealed record EditLimits(double MinFactor, double MaxFactor, int MaxEpochs, int MaxEdits);
