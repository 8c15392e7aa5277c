// The invitation page stands alone like the sign-in pages: one centred card.
export { default } from "@/app/signin/layout";
