using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using AsyncAnalyzers.Tests.Verifiers;

namespace AsyncAnalyzers.Tests.Semantics
{
    /// <summary>The task completion proof on its own: [|…|] marks the task expression whose completion is asked.</summary>
    public sealed class TaskCompletionTests
    {
        private static bool IsProven(string body)
        {
            var source = $$"""
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;

                class C
                {
                    Task<int> GetAsync() => Task.FromResult(1);
                    ValueTask<int> GetValueAsync() => default;

                    async Task M(Task<int> t, Task<int> other, bool flag)
                    {
                {{body}}
                    }
                }
                """;
            // The same answer on net10.0 and net8.0: since .NET 9, WhenAll(a, b) and WaitAll(a, b) bind to span overloads.
            var answers = new System.Collections.Generic.List<bool>();
            foreach (var set in ReferenceSets.Matrix)
            {
                var (operation, model) = SemanticsTestHelpers.MarkedOperation(source, set);
                answers.Add(TaskCompletion.IsProvenComplete(operation, KnownSymbols.Get(model.Compilation)));
            }

            Assert.True(answers.TrueForAll(answer => answer == answers[0]), $"net10.0 and net8.0 disagree: {string.Join(", ", answers)}");
            return answers[0];
        }

        [Theory]
        [InlineData("await t; var x = [|t|].Result;")]
        [InlineData("var r = await t; var x = [|t|].Result;")]
        [InlineData("await t.ConfigureAwait(false); var x = [|t|].Result;")]
        [InlineData("await Task.WhenAll(t, other); var x = [|t|].Result;")]
        [InlineData("await Task.WhenAll(new[] { other, t }); var x = [|t|].Result;")]
        [InlineData("var all = new[] { t, other }; await Task.WhenAll(all); var x = [|t|].Result;")]
        [InlineData("var all = new List<Task<int>> { t }; await Task.WhenAll(all); var x = [|all[0]|].Result;")]
        [InlineData("var all = new[] { t }; await Task.WhenAll(all); var x = [|all[0]|].Result;")]
        [InlineData("var all = new[] { t }; await Task.WhenAll(all); foreach (var each in all) { var x = [|each|].Result; }")]
        [InlineData("if (t.IsCompleted) { var x = [|t|].Result; }")]
        [InlineData("if (t.IsCompletedSuccessfully) { var x = [|t|].Result; }")]
        [InlineData("if (t.Status == TaskStatus.RanToCompletion) { var x = [|t|].Result; }")]
        [InlineData("if (TaskStatus.RanToCompletion == t.Status && flag) { var x = [|t|].Result; }")]
        [InlineData("if (t.IsCompleted == true) { var x = [|t|].Result; }")]
        [InlineData("if (!t.IsCompleted) { } else { var x = [|t|].Result; }")]
        [InlineData("var x = t.IsCompleted ? [|t|].Result : 0;")]
        [InlineData("if (!t.IsCompleted) return; var x = [|t|].Result;")]
        [InlineData("if (!t.IsCompleted || flag) { return; } var x = [|t|].Result;")]
        [InlineData("if (t.Status != TaskStatus.RanToCompletion) throw new System.Exception(); var x = [|t|].Result;")]
        [InlineData("var x = flag && t.IsCompleted && [|t|].Result > 0;")]
        [InlineData("var next = await t.ContinueWith(done => [|done|].Result);")]
        [InlineData("var x = [|Task.FromResult(1)|].Result;")]
        [InlineData("var done = Task.FromResult(1); var x = [|done|].Result;")]
        [InlineData("var v = ValueTask.FromResult(1); var x = [|v|].Result;")]
        [InlineData("if (flag) { await t; var x = [|t|].Result; }")]
        [InlineData("switch (t.Status) { case TaskStatus.RanToCompletion: var x = [|t|].Result; break; }")]
        [InlineData("t.Wait(); var x = [|t|].Result;")]
        [InlineData("Task.WaitAll(t, other); var x = [|t|].Result;")]
        [InlineData("await Task.WhenAll(t, other); var x = ([|flag ? t : other|]).Result;")]
        [InlineData("await Task.WhenAll([t, other]); var x = [|t|].Result;")]
        [InlineData("Task.WaitAll([other, t]); var x = [|t|].Result;")]
        [InlineData("await Task.WhenAll(t, other).ConfigureAwait(false); var x = [|other|].Result;")]
        [InlineData("var done = await Task.WhenAny(t, other); var x = [|done|].Result;")]
        [InlineData("var done = await Task.WhenAny(t, other).ConfigureAwait(false); var x = [|done|].Result;")]
        [InlineData("var x = ([|await Task.WhenAny(t, other)|]).Result;")]
        [InlineData("if (t.Wait(100)) { var x = [|t|].Result; }")]
        [InlineData("try { if (!t.Wait(100)) throw new System.TimeoutException(); } catch (System.AggregateException e) { throw e.InnerExceptions[0]; } var x = [|t|].Result;")]
        [InlineData("if (!t.Wait(100)) throw new System.TimeoutException(); var x = [|t|].Result;")]
        [InlineData("var status = t.Status; switch (status) { case TaskStatus.RanToCompletion: var x = [|t|].Result; break; }")]
        [InlineData("Task plain = t; if (plain.IsCompleted) { var x = ([|(Task<int>)plain|]).Result; }")]
        public void Proven(string body) => Assert.True(IsProven(body));

        [Theory]
        [InlineData("var x = [|t|].Result;")]
        [InlineData("await other; var x = [|t|].Result;")]
        [InlineData("if (flag) await t; var x = [|t|].Result;")]
        [InlineData("await t; t = GetAsync(); var x = [|t|].Result;")]
        [InlineData("await t; while (flag) { var x = [|t|].Result; t = GetAsync(); }")]
        [InlineData("await t; System.Action reset = () => t = GetAsync(); var x = [|t|].Result;")]
        [InlineData("var v = GetValueAsync(); await v; var x = [|v|].Result;")]
        [InlineData("await Task.WhenAll(other); var x = [|t|].Result;")]
        [InlineData("await Task.WhenAny(t, other); var x = [|t|].Result;")]
        [InlineData("var lazy = new[] { 1 }.Select(_ => GetAsync()); await Task.WhenAll(lazy); foreach (var each in lazy) { var x = [|each|].Result; }")]
        [InlineData("var all = new[] { t }; await Task.WhenAll(all); all[0] = GetAsync(); var x = [|all[0]|].Result;")]
        [InlineData("if (t.IsCompleted) { } var x = [|t|].Result;")]
        [InlineData("if (t.IsCompleted || flag) { var x = [|t|].Result; }")]
        [InlineData("if (!t.IsCompleted) { System.Console.WriteLine(); } var x = [|t|].Result;")]
        [InlineData("if (t.IsFaulted) { var x = [|t|].Result; }")]
        [InlineData("var x = t.IsCompleted || [|t|].Result > 0;")]
        [InlineData("try { await t; } catch { } var x = [|t|].Result;")]
        [InlineData("var done = Task.FromResult(1); done = GetAsync(); var x = [|done|].Result;")]
        [InlineData("var next = await t.ContinueWith(done => [|other|].Result);")]
        [InlineData("System.Func<int> f = () => [|t|].Result; await t;")]
        [InlineData("switch (t.Status) { case TaskStatus.Faulted: var x = [|t|].Result; break; }")]
        [InlineData("switch (t.Status) { case TaskStatus.RanToCompletion: case TaskStatus.Faulted: var x = [|t|].Result; break; }")]
        [InlineData("t.Wait(100); var x = [|t|].Result;")]
        [InlineData("await t; var x = ([|flag ? t : other|]).Result;")]
        [InlineData("if (t.IsCompleted) { t = GetAsync(); var x = [|t|].Result; }")]
        [InlineData("Task.WaitAll(new[] { t, other }, 100); var x = [|t|].Result;")]
        [InlineData("await Task.WhenAll([other]); var x = [|t|].Result;")]
        [InlineData("var pending = Task.WhenAny(t, other); var x = [|pending|].Result;")]
        [InlineData("var done = await Task.WhenAny(t, other); done = GetAsync(); var x = [|done|].Result;")]
        [InlineData("if (t.Wait(100) || flag) { var x = [|t|].Result; }")]
        [InlineData("try { if (!t.Wait(100)) throw new System.TimeoutException(); } catch (System.TimeoutException) { } var x = [|t|].Result;")]
        [InlineData("var status = t.Status; status = TaskStatus.Faulted; switch (status) { case TaskStatus.RanToCompletion: var x = [|t|].Result; break; }")]
        [InlineData("Task plain = t; var x = ([|(Task<int>)plain|]).Result;")]
        public void Not_proven(string body) => Assert.False(IsProven(body));
    }
}
