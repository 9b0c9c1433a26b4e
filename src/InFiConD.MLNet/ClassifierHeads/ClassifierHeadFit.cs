using Microsoft.ML;

namespace InFiConD.MLNet;

/// <summary>A head trained by <see cref="ClassifierHeadTrainer"/>.</summary>
/// <param name="Head">The head over raw features (a standardisation folded in), ready for <see cref="TeacherModelComposer"/>.</param>
/// <param name="Model">The fitted ML.NET model it was read from (normaliser, if any, then the maximum-entropy predictor); its <c>Score</c> column holds the same probabilities.</param>
/// <param name="TrainingAccuracy">Share of training rows whose top class under <paramref name="Head"/> is their label.</param>
public sealed record ClassifierHeadFit(ClassifierHead Head, ITransformer Model, double TrainingAccuracy);
