// Loads aws-local-stepfunctions for the differential test and bench/interpreter.sh.
//
// aws-local-stepfunctions 3.0.0 needs Node 22's Promise.withResolvers. On Node 20 its absence surfaces as a
// TypeError inside every Task, which Catch clauses then handle, so a run can look normal while no task ran.
// Define it before the package is loaded.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

export const { StateMachine } = await import('aws-local-stepfunctions');
