import { Card, useToast } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { Link, useNavigate } from "react-router";
import { CarrierAccountForm } from "../components/carrier-account-form";
import { PageHeader } from "../components/page-header";

/** Adding a carrier account; afterwards the account's page shows its webhook to paste. */
export function NewCarrierPage() {
  const navigate = useNavigate();
  const toast = useToast();
  const utils = trpc.useUtils();
  return (
    <>
      <PageHeader
        title="Add a carrier account"
        back={<Link to="/carriers">← Carrier accounts</Link>}
        subtitle="Credentials are stored encrypted and never shown again."
      />
      <Card className="adm-narrow-card">
        <CarrierAccountForm
          mode="create"
          onCancel={() => void navigate("/carriers")}
          onSaved={(account) => {
            void utils.admin.carriers.list.invalidate();
            toast.show({
              title: `Added “${account.name}”`,
              description: "Test the connection, then set up its webhook.",
              tone: "success",
            });
            void navigate(`/carriers/${account.id}`);
          }}
        />
      </Card>
    </>
  );
}
