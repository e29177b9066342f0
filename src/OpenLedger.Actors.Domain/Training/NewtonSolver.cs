using System.Numerics.Tensors;
using OpenLedger.Actors.Domain.Numerics;

namespace OpenLedger.Actors.Domain.Training;

/// <summary>Result of minimising the objective.</summary>
public sealed record SolverResult(double[] Theta, double Objective, double GradientNorm, int Iterations, bool Converged);

/// <summary>
/// Damped Newton's method for the (strictly convex) regularised objective: the step solves H·Δ = ∇J
/// with a Cholesky factorisation, and a backtracking Armijo line search keeps every step a descent.
/// Deterministic: a fixed summation order and no randomness.
/// </summary>
public static class NewtonSolver
{
    /// <param name="checkpoints">When given, receives θ before every step taken and the step length used
    /// (TracIn scores rows over these).</param>
    /// <param name="stepTaken">Called after each step with the number of steps taken so far (progress reports).</param>
    /// <exception cref="TrainingNumericalFailureException">The Hessian could not be factorised.</exception>
    public static SolverResult Minimize(LogisticRegressionObjective objective, double gradientTolerance, int maxIterations, double[]? start = null,
        ICollection<TrainingCheckpoint>? checkpoints = null, Action<int>? stepTaken = null)
    {
        var theta = start is null ? new double[objective.ParameterCount] : (double[])start.Clone();
        var gradient = new double[objective.ParameterCount];
        var trial = new double[objective.ParameterCount];
        var value = objective.ValueAndGradient(theta, gradient);
        var gradientNorm = TensorPrimitives.Norm(gradient);
        var iterations = 0;
        while (gradientNorm > gradientTolerance && iterations < maxIterations)
        {
            iterations++;
            CholeskyFactorization factor;
            try
            {
                factor = CholeskyFactorization.Factor(objective.Hessian(theta), objective.ParameterCount);
            }
            catch (NotPositiveDefiniteException e)
            {
                throw new TrainingNumericalFailureException(iterations, e);
            }
            var step = factor.Solve(gradient);
            var slope = TensorPrimitives.Dot(gradient, step); // > 0 since H is positive definite
            var t = 1.0;
            double trialValue;
            while (true)
            {
                TensorPrimitives.MultiplyAdd(step, -t, theta, trial);
                trialValue = objective.Value(trial);
                if (trialValue <= value - 1e-4 * t * slope || t < 1e-10) break;
                t *= 0.5;
            }
            if (trialValue > value) break; // no further progress is representable in double precision
            checkpoints?.Add(new TrainingCheckpoint(iterations - 1, (double[])theta.Clone(), t));
            (theta, trial) = (trial, theta);
            value = objective.ValueAndGradient(theta, gradient);
            gradientNorm = TensorPrimitives.Norm(gradient);
            stepTaken?.Invoke(iterations);
        }
        return new SolverResult(theta, value, gradientNorm, iterations, gradientNorm <= gradientTolerance);
    }
}
