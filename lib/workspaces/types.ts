// A run's working copy, as every git provider hands it out.
export type Workspace = {
  /** Absolute path of the run's working copy, on `branch`. */
  path: string;
  branch: string;
  baseBranch: string;
  /** The commit the workspace was made from: the branch's last pushed commit, or the base's head. */
  headSha: string;
  /** True when the branch already existed and the workspace starts from its last pushed commit. */
  resumed: boolean;
};
