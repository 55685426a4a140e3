import { TaskGroup } from './task-group';

describe('TaskGroup', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  };

  it('reports a failed task to onError instead of rejecting, and resolves it to undefined', async () => {
    const errors: Array<[unknown, string]> = [];
    const group = new TaskGroup((error, task) => errors.push([error, task]));
    const boom = new Error('boom');
    await expect(group.run('load', async () => Promise.reject(boom))).resolves.toBeUndefined();
    await expect(group.run('answer', async () => 42)).resolves.toBe(42);
    expect(errors).toEqual([[boom, 'load']]);
  });

  it('close aborts the signal, waits for running tasks, and refuses new ones', async () => {
    const errors: unknown[] = [];
    const group = new TaskGroup((error) => errors.push(error));
    const release = deferred();
    const steps: string[] = [];
    const running = group.run('slow', async (signal) => {
      await release.promise;
      steps.push(signal.aborted ? 'saw abort' : 'not aborted');
      signal.throwIfAborted();
      steps.push('went on');
    });
    let closed = false;
    const closing = group.close().then(() => (closed = true));
    expect(group.closed).toBe(true);
    await Promise.resolve();
    expect(closed).toBe(false);

    let ranAfterClose = false;
    await expect(group.run('late', async () => void (ranAfterClose = true))).resolves.toBeUndefined();
    expect(ranAfterClose).toBe(false);

    release.resolve();
    await closing;
    await running;
    expect(steps).toEqual(['saw abort']);
    // Stopping because the group closed is not a failure.
    expect(errors).toEqual([]);
  });

  it('still reports a real failure of a task that was running when the group closed', async () => {
    const errors: unknown[] = [];
    const group = new TaskGroup((error) => errors.push(error));
    const release = deferred();
    const failure = new Error('the database went away');
    void group.run('slow', async () => {
      await release.promise;
      throw failure;
    });
    const closing = group.close();
    release.resolve();
    await closing;
    expect(errors).toEqual([failure]);
  });
});
