import type { ApiRoute } from "@/lib/api/route-types";
import * as apiKey from "./api-keys/[id]/route";
import * as apiKeys from "./api-keys/route";
import * as insights from "./insights/route";
import * as invitation from "./invitations/[id]/route";
import * as invitations from "./invitations/route";
import * as member from "./members/[userId]/route";
import * as members from "./members/route";
import * as notificationDelivery from "./notification-deliveries/[id]/route";
import * as notificationDeliveryResend from "./notification-deliveries/[id]/resend/route";
import * as notificationDestination from "./notification-destinations/[id]/route";
import * as notificationDestinationDeliveries from "./notification-destinations/[id]/deliveries/route";
import * as notificationDestinationSecret from "./notification-destinations/[id]/secret/route";
import * as notificationDestinationTest from "./notification-destinations/[id]/test/route";
import * as notificationDestinations from "./notification-destinations/route";
import * as project from "./projects/[id]/route";
import * as projectCodeIndex from "./projects/[id]/code-index/route";
import * as projectFile from "./projects/[id]/file/route";
import * as projectSearch from "./projects/[id]/search/route";
import * as projectRuns from "./projects/[id]/runs/route";
import * as projectReviews from "./projects/[id]/reviews/route";
import * as projectReview from "./projects/[id]/reviews/[reviewId]/route";
import * as projectSecret from "./projects/[id]/secrets/[name]/route";
import * as projectSecrets from "./projects/[id]/secrets/route";
import * as projectPreviewShareLinks from "./projects/[id]/preview-share-links/route";
import * as projects from "./projects/route";
import * as run from "./runs/[id]/route";
import * as runCancel from "./runs/[id]/cancel/route";
import * as runEvents from "./runs/[id]/events/route";
import * as runMerge from "./runs/[id]/merge/route";
import * as runCandidatePick from "./runs/[id]/candidates/[index]/pick/route";
import * as runPlan from "./runs/[id]/plan/route";
import * as runRetry from "./runs/[id]/retry/route";
import * as runTranscript from "./runs/[id]/transcript/route";
import * as runValidations from "./runs/[id]/validations/route";
import * as studioSession from "./studio-sessions/[id]/route";
import * as studioSessionExecute from "./studio-sessions/[id]/execute/route";
import * as studioSessionFinalize from "./studio-sessions/[id]/finalize/route";
import * as studioSessionMessages from "./studio-sessions/[id]/messages/route";
import * as studioSessionRollback from "./studio-sessions/[id]/rollback/route";
import * as studioSessions from "./studio-sessions/route";
import * as tasks from "./tasks/route";
import * as validation from "./validations/[id]/route";
import * as validationRetry from "./validations/[id]/retry/route";

// Every /api/v1 route module except openapi.json (which adds itself), for the OpenAPI
// document. A test walks app/api/v1/**/route.ts and fails when this list and the files
// disagree, in either direction.
const modules: Record<string, unknown>[] = [
  apiKeys,
  apiKey,
  members,
  member,
  invitations,
  invitation,
  projects,
  project,
  projectRuns,
  projectReviews,
  projectReview,
  projectSecrets,
  projectSecret,
  projectPreviewShareLinks,
  projectSearch,
  projectCodeIndex,
  projectFile,
  run,
  runCancel,
  runEvents,
  runMerge,
  runCandidatePick,
  runPlan,
  runRetry,
  runTranscript,
  runValidations,
  studioSessions,
  studioSession,
  studioSessionMessages,
  studioSessionExecute,
  studioSessionRollback,
  studioSessionFinalize,
  tasks,
  validation,
  validationRetry,
  notificationDestinations,
  notificationDestination,
  notificationDestinationTest,
  notificationDestinationSecret,
  notificationDestinationDeliveries,
  notificationDelivery,
  notificationDeliveryResend,
  insights,
];

const isApiRoute = (value: unknown): value is ApiRoute => typeof value === "function" && "spec" in value;

export const apiRoutes: ApiRoute[] = modules.flatMap((module) => Object.values(module).filter(isApiRoute));
